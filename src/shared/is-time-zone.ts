/** True for a zone name the runtime knows (an IANA name such as Europe/Kyiv, or an alias it accepts). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
