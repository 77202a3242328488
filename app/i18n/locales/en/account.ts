import { type account as es } from '../es/account.ts'
import { type Shape } from '../shape.ts'

export const account: Shape<typeof es> = {
  forgotLink: 'Forgot your password?',
  reset: {
    requestTitle: 'Get back into your account',
    requestLead: 'Enter the e-mail address you signed up with. We will send you a link to choose a new password.',
    requestSubmit: 'Send link',
    requested:
      'If an account exists for {{email}}, we sent it a link to choose a new password. Check your inbox (and your spam folder). The link works for one hour, and only once.',
    requestAgain: 'Ask for another link',
    title: 'Choose a new password',
    lead: 'Choose a new password for the account {{email}}. Saving it signs you out everywhere.',
    submit: 'Save new password',
    done: 'Your password changed and all your sessions were closed. Sign in with the new password.',
    linkUnknown: 'This password reset link is not valid. Check that you copied all of it, or ask for another one.',
    linkUsed: 'This link has already been used. Each link works only once: if you need to change the password again, ask for another one.',
    linkExpired: 'This link has expired (it works for one hour). Ask for another one to reset your password.',
    backToSignIn: 'Back to sign in',
  },
  verify: {
    title: 'Confirm your e-mail',
    done: 'Done: your e-mail address is confirmed. You can now submit ideas and vote.',
    linkUnknown: 'This confirmation link is not valid. Check that you copied all of it, or ask for another one from the notice at the top of the page.',
    linkUsed: 'This link has already been used. If you already confirmed your e-mail, there is nothing else to do.',
    linkExpired: 'This link has expired (it works for two days). Sign in and ask for another one with “Resend link”.',
    banner: 'Confirm your e-mail ({{email}}) to submit ideas and vote: we sent you a link. Meanwhile you can read, comment and take part in sessions.',
    resend: 'Resend link',
    resent: 'We sent a new link to {{email}}. It works for two days.',
    already: 'Your e-mail is already confirmed.',
    sentAtSignUp: 'We sent a link to {{email}} to confirm your e-mail address.',
  },
  resetEmail: {
    subject: 'Cocrea: choose a new password',
    body: 'Someone (perhaps you) asked to reset the password of your Cocrea account. To choose a new one, open this link. It works for one hour, and only once:',
    ignore: 'If you did not ask for this, ignore this e-mail: your password stays the same.',
  },
  verifyEmail: {
    subject: 'Cocrea: confirm your e-mail',
    body: 'Thank you for creating your Cocrea account. To confirm this e-mail address is yours, open this link. It works for two days:',
    ignore: 'If you did not create a Cocrea account, ignore this e-mail.',
  },
}
