/** English strings of reasons, notices, recordings and deletion on request (spread into i18n-en.ts). */
export const rightsEn = {
  reasonToTell: 'Reason to tell the family',
  navNotices: 'Notices',
  notices: 'Notices to read to detainees',
  noticesHint: 'Read each notice to the detainee in his language, then mark it read.',
  noticeText: 'Text to read',
  markRead: 'Read to him',
  noNotices: 'No notice waits.',
  allFacilities: 'All facilities',
  noFacility: 'No facility',
  show: 'Show',
  navRecordings: 'Recordings',
  recordings: 'Recordings of supervised calls',
  recordingsHint: 'Every play is audited. Recordings are deleted at the carrier when they expire.',
  expiresAt: 'Expires',
  noRecordings: 'No recording is kept.',
  eraseTitle: 'Delete this relative’s data',
  eraseHint:
    'On the relative’s request: their name, number and secret, their enquiries, callback tasks and call log entries are deleted. The detainee’s record is kept.',
  eraseConfirm: 'I confirm the relative asked for this',
  eraseButton: 'Delete the data',
  erased: 'The relative’s data was deleted.',
};
