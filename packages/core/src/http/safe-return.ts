/** Only local paths may be returned to after sign-in: no open redirects. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value.length > 500 ? '/' : value;
}
