/**
 * The authenticator-app code module, imported when a use case first needs it: otplib and its
 * crypto (@noble/hashes, @scure/base, ~29 KB minified) are then a chunk of their own that a
 * cold start loads only when it checks or enrolls an authenticator app, not on every launch.
 */
export const loadTotp = () => import('../domain/totp');
