// Spanish strings of the account basics: password reset, e-mail verification (ADR 035). en/account.ts must have the same keys.
export const account = {
  forgotLink: '¿Olvidaste tu contraseña?',
  reset: {
    requestTitle: 'Recuperar el acceso a tu cuenta',
    requestLead: 'Escribe el correo con el que creaste tu cuenta. Te enviaremos un enlace para elegir una contraseña nueva.',
    requestSubmit: 'Enviar enlace',
    requested:
      'Si existe una cuenta con el correo {{email}}, te enviamos un enlace para elegir una contraseña nueva. Revisa tu bandeja de entrada (y la de correo no deseado). El enlace vale durante una hora y se puede usar una sola vez.',
    requestAgain: 'Pedir otro enlace',
    title: 'Elegir una contraseña nueva',
    lead: 'Elige una contraseña nueva para la cuenta {{email}}. Al guardarla se cerrarán todas tus sesiones abiertas.',
    submit: 'Guardar contraseña nueva',
    done: 'Tu contraseña cambió y se cerraron todas tus sesiones. Inicia sesión con la contraseña nueva.',
    linkUnknown: 'Este enlace para restablecer la contraseña no es válido. Revisa que lo copiaste completo o pide otro.',
    linkUsed: 'Este enlace ya se usó. Cada enlace sirve una sola vez: si necesitas cambiar la contraseña otra vez, pide otro.',
    linkExpired: 'Este enlace venció (vale una hora). Pide otro para restablecer tu contraseña.',
    backToSignIn: 'Volver a iniciar sesión',
  },
  verify: {
    title: 'Confirmar tu correo',
    done: 'Listo: confirmaste tu correo. Ya puedes proponer ideas y votar.',
    linkUnknown: 'Este enlace de confirmación no es válido. Revisa que lo copiaste completo o pide otro desde el aviso en la parte superior de la página.',
    linkUsed: 'Este enlace ya se usó. Si ya confirmaste tu correo, no necesitas hacer nada más.',
    linkExpired: 'Este enlace venció (vale dos días). Inicia sesión y pide otro con «Reenviar enlace».',
    banner: 'Confirma tu correo ({{email}}) para proponer ideas y votar: te enviamos un enlace. Mientras tanto puedes leer, comentar y participar en sesiones.',
    resend: 'Reenviar enlace',
    resent: 'Te enviamos un enlace nuevo a {{email}}. Vale dos días.',
    already: 'Tu correo ya está confirmado.',
    sentAtSignUp: 'Te enviamos un enlace a {{email}} para confirmar tu correo.',
  },
  resetEmail: {
    subject: 'Cocrea: elige una contraseña nueva',
    body: 'Alguien (quizás tú) pidió restablecer la contraseña de tu cuenta en Cocrea. Para elegir una nueva, abre este enlace. Vale durante una hora y sirve una sola vez:',
    ignore: 'Si no lo pediste, ignora este correo: tu contraseña no cambia.',
  },
  verifyEmail: {
    subject: 'Cocrea: confirma tu correo',
    body: 'Gracias por crear tu cuenta en Cocrea. Para confirmar que este correo es tuyo, abre este enlace. Vale durante dos días:',
    ignore: 'Si no creaste una cuenta en Cocrea, ignora este correo.',
  },
} as const
