import { t } from './messages';

/**
 * Device name shown to supervisors: the platform, so two tablets can be told apart with the id.
 * It is stored by the server as it was sent, so a plain browser is named in the signer's language.
 */
export function deviceName(): string {
  const ua = navigator.userAgent;
  const kind = /Android/i.test(ua) ? 'Android' : /iPad|iPhone/i.test(ua) ? 'iOS' : t.login.browser;
  return `${kind} ${new Date().toISOString().slice(0, 10)}`;
}
