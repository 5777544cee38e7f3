import type { rightsEn } from './i18n-rights-en.js';

/** Ukrainian strings of reasons, notices, recordings and deletion on request (spread into i18n-uk.ts). */
export const rightsUk: typeof rightsEn = {
  reasonToTell: 'Причина, яку треба повідомити родині',
  navNotices: 'Сповіщення',
  notices: 'Сповіщення, які треба прочитати утримуваним',
  noticesHint: 'Прочитайте кожне сповіщення утримуваному його мовою, потім позначте його як прочитане.',
  noticeText: 'Текст для читання',
  markRead: 'Прочитано йому',
  noNotices: 'Немає сповіщень.',
  allFacilities: 'Усі установи',
  noFacility: 'Без установи',
  show: 'Показати',
  navRecordings: 'Записи',
  recordings: 'Записи дзвінків під наглядом',
  recordingsHint: 'Кожне прослуховування записується в журнал. Записи видаляються в оператора зв’язку, коли спливає їхній строк.',
  expiresAt: 'Строк спливає',
  noRecordings: 'Записів немає.',
  eraseTitle: 'Видалити дані цього родича',
  eraseHint:
    'На прохання родича: видаляються його ім’я, номер і секрет, його запити, завдання передзвонити та записи журналу дзвінків. Запис утримуваного зберігається.',
  eraseConfirm: 'Підтверджую, що родич про це попросив',
  eraseButton: 'Видалити дані',
  erased: 'Дані родича видалено.',
};
