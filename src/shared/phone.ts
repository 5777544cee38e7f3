import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js/max';
import { AppError } from './errors.js';

// Country -> the time zone most of its numbers ring in; a contact's zone can be overridden per record.
const COUNTRY_ZONES: Partial<Record<CountryCode, string>> = {
  RU: 'Europe/Moscow',
  UA: 'Europe/Kyiv',
  BY: 'Europe/Minsk',
  KZ: 'Asia/Almaty',
  GB: 'Europe/London',
  US: 'America/New_York',
  DE: 'Europe/Berlin',
  PL: 'Europe/Warsaw',
  MD: 'Europe/Chisinau',
  GE: 'Asia/Tbilisi',
  AM: 'Asia/Yerevan',
  AZ: 'Asia/Baku',
  UZ: 'Asia/Tashkent',
  KG: 'Asia/Bishkek',
  TJ: 'Asia/Dushanbe',
  LV: 'Europe/Riga',
  LT: 'Europe/Vilnius',
  EE: 'Europe/Tallinn',
  FR: 'Europe/Paris',
  IT: 'Europe/Rome',
  CH: 'Europe/Zurich',
  TR: 'Europe/Istanbul',
  IL: 'Asia/Jerusalem',
  CA: 'America/Toronto',
};

export interface NormalisedPhone {
  e164: string;
  country: string | undefined;
  timeZone: string;
}

/**
 * Normalises a phone number to E.164. A number without a + is read as Russian, the likeliest caller.
 * Refuses an invalid number with the reason, so the operator can correct it.
 */
export function normalisePhone(input: string, defaultCountry: CountryCode = 'RU'): NormalisedPhone {
  let parsed;
  try {
    parsed = parsePhoneNumberWithError(String(input).trim(), defaultCountry);
  } catch (e) {
    throw new AppError('invalid_phone', `the phone number is not valid: ${(e as Error).message.toLowerCase().replace(/_/g, ' ')}`);
  }
  if (!parsed.isValid()) {
    throw new AppError(
      'invalid_phone',
      `the phone number is not valid for ${parsed.country ?? 'any country'}: check the digits and the country code`,
    );
  }
  const country = parsed.country;
  return { e164: parsed.number, country, timeZone: (country && COUNTRY_ZONES[country]) || 'UTC' };
}
