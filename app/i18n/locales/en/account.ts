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
  terms: {
    label: 'I accept the terms of use and the privacy notice',
    read: 'Read the privacy notice and terms of use',
  },
  privacy: {
    title: 'Privacy notice and terms of use',
    lead: 'Cocrea is the platform of the public innovation lab. Here we explain what data we keep, why, who sees it and how you decide about it.',
    dataTitle: 'What data we keep',
    data: 'Your name, your e-mail, your password (only as an encrypted digest nobody can read), your language and what you publish: ideas, comments, votes, notes on boards and reports. We also keep a record of important decisions and changes, as accountability requires.',
    purposeTitle: 'Why',
    purpose: 'So you can take part in challenges, hear about what you follow, and so results can be checked. We do not sell or hand over your data, nor use it for advertising.',
    publicTitle: 'What is public',
    public: 'Your name next to what you publish, and vote totals. Your e-mail is never shown to other people.',
    rightsTitle: 'Your rights',
    rights: 'Consent: by creating your account you accept this notice. Access: in “My profile” you can download all your data as a file. Rectification: you can change your name, e-mail and password. Deletion: you can delete your account; what you published stays, signed as “deleted account”.',
    termsTitle: 'Terms of use',
    terms: 'Take part respectfully: no insults, discrimination, other people’s personal data or advertising. What you publish may be moderated and, if it breaks these rules, hidden with a public reason. The ideas you publish may be improved by others and become public-sector pilots.',
    contact: 'For any question about your data, write to the lab.',
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
