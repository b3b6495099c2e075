/**
 * The page a license QR code points to: `<base>/verify/<identifier>?code=…` or `/verify/present/<token>`.
 * Only the path is kept, and only a verify page's: the check always runs on this site (whatever address the
 * code was printed with, PUBLIC_BASE_URL), and any other content is refused.
 */
export function verifyPathOf(text: string, origin: string): string | null {
  try {
    const url = new URL(text.trim(), origin);
    if (!/^\/verify\/[^/]+$/.test(url.pathname) && !/^\/verify\/present\/[^/]+$/.test(url.pathname)) return null;
    return `${url.pathname}${url.search}`;
  } catch {
    return null;
  }
}
