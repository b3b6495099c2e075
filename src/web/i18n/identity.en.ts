import type { identityZhCN } from './identity.zh-CN.ts';

/** Activation of accounts, the password rule, separated-admin requests. */
export const identityEn: typeof identityZhCN = {
  password: {
    rule: 'At least 10 characters; not containing the username; not a common or easily guessed password (P@ssw0rd, keyboard runs, birthdays).',
    checking: 'Checking the password…',
    problems: {
      tooShort: 'Use at least 10 characters.',
      tooLong: 'Use at most 128 characters.',
      containsUsername: 'The password must not contain the username.',
      common: 'This is a common password or a variant of one.',
      guessable: 'Too easy to guess: use a longer mix of unrelated words or characters.',
    },
  },
  activation: {
    title: 'Activate your account',
    intro:
      'Staff accounts are created by an administrator; their holder sets the password and enrols the one-time codes with a one-time activation code. The administrator never learns either.',
    username: 'Username',
    code: 'Activation code',
    codeHelp: 'The 16-character code your administrator gave you or sent by SMS, like ABCD-EFGH-JKMN-PQRS',
    next: 'Next',
    scan: 'Scan the QR code with an authenticator app (Google Authenticator, Microsoft Authenticator…), or type the key:',
    qr: 'QR code to enrol the one-time codes',
    secret: 'Key',
    password: 'New password',
    passwordAgain: 'Password again',
    passwordMismatch: 'The two passwords differ',
    totp: 'One-time code',
    totpHelp: 'The 6 digits your authenticator shows',
    submit: 'Activate and log in',
    done: 'Account activated',
    fromLogin: 'Got an activation code?',
    toActivate: 'Activate your account',
  },
  staffRequests: {
    title: 'Administrator account requests awaiting approval',
    intro:
      'System, security and audit administrator accounts are created, changed or reset by a request of one administrator that another of a different duty approves; for an audit administrator, another audit administrator.',
    empty: 'No request is waiting',
    kinds: { create: 'New account', roles: 'Role change', reissue: 'Credentials reset' },
    columns: { kind: 'Request', account: 'Account', roles: 'Roles', requester: "Requester's duty", actions: 'Actions' },
    approve: 'Approve',
    reject: 'Reject',
    rejectTitle: 'Reject the request',
    reason: 'Reason',
    reasonRule: 'Give a reason',
    approved: 'Approved',
    rejected: 'Rejected',
    notYours: 'Another duty must decide',
    filed: 'Request filed: it takes effect when an administrator of another duty approves it.',
  },
  staffActivation: {
    code: 'Activation code (shown once): {{code}}',
    sent: 'The activation code was sent by SMS to {{phone}}',
    expires:
      'Valid until {{time}}. Hand it to the holder in person; they set the password and one-time codes under "Activate your account".',
    phone: "Holder's mobile (optional)",
    phoneHelp: 'The code then goes to the holder by SMS and you do not see it',
    reset: 'Reset credentials',
    resetOf: "Reset {{name}}'s password and one-time codes",
    resetConfirm: "{{name}}'s password and one-time codes stop working at once; they activate again with a new code.",
    pending: 'Not activated',
  },
};
