import type { codesEn } from './i18n-codes-en.js';

/** Ukrainian names of the reason codes (spread into i18n-uk.ts). */
export const codesUk: Record<keyof typeof codesEn, string> = {
  reason_not_nominated: 'Контакт не вказаний утримуваним',
  reason_consent_missing: 'Немає згоди',
  reason_security_assessment: 'Оцінка безпеки',
  reason_facility_unavailable: 'Установа недоступна',
  reason_duplicate_request: 'Повторний запит',
  reason_quota_reached: 'Ліміт дзвінків вичерпано',
  reason_other: 'Інша причина',
  reason_approved: 'Схвалено',
  reason_approved_first_contact: 'Схвалено: перший контакт',
  reason_approved_after_transfer: 'Схвалено після переведення',
  reason_detainee_request: 'На прохання утримуваного',
  reason_contact_request: 'На прохання родича',
  reason_transfer: 'Переведення',
  reason_released: 'Звільнення',
  reason_security_incident: 'Інцидент безпеки',
  reason_rescheduled: 'Перенесено',
  reason_time_exceeded: 'Час вичерпано',
  reason_rules_breached: 'Порушено правила',
  reason_technical_problem: 'Технічна проблема',
  confirmEndCall: 'Так, завершити дзвінок для всіх',
};
