import type { Language } from '../../storage/schema.js';

/**
 * One voice per language, fixed (twilio-notes: voices). Ukrainian has no Polly voice (twilio-notes TW-22), so it uses
 * Google's; a voice that does not match the language fails <Say>.
 */
export const VOICES: Readonly<Record<Language, { voice: string; language: string }>> = {
  ru: { voice: 'Polly.Tatyana', language: 'ru-RU' },
  uk: { voice: 'Google.uk-UA-Wavenet-A', language: 'uk-UA' },
  en: { voice: 'Polly.Amy', language: 'en-GB' },
};
