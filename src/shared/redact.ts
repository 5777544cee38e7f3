// Phone numbers look like +380441234567 or 0441234567; keep the last two digits so staff can tell calls apart.
const PHONE = /\+?\d[\d\s().-]{6,}\d/g;

/** Masks every phone-number-like run of digits in free text: "+380441234567" -> "+*********67". */
export function redactPhones(text: string): string {
  return text.replace(PHONE, (m) => {
    const digits = m.replace(/\D/g, '');
    return (m.startsWith('+') ? '+' : '') + '*'.repeat(Math.max(0, digits.length - 2)) + digits.slice(-2);
  });
}

/** "+380441234567" -> "+*********67": for display where the number is not needed in full. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  return redactPhones(phone);
}
