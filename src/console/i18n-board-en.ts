/**
 * English strings of the supervisors' live board: its table of active calls, running timers, collapsed groups
 * and the names of the ways a call ends (spread into i18n-en.ts).
 */
export const boardEn = {
  queue: 'Call queue',
  boardActive: 'Active calls',
  boardActiveHint: 'Live calls and calls starting in the next 24 hours. A call without a monitor is listed first.',
  boardNoActive: 'No call is live or starts in the next 24 hours.',
  boardLater: 'Scheduled later',
  boardFinished: 'Ended in the last 24 hours',
  boardNone: 'None.',
  boardNoPending: 'No call request awaits approval.',
  boardDecide: 'Decide on the requests',
  boardPending_one: '{n} call request awaits approval.',
  boardPending_few: '{n} call requests await approval.',
  boardPending_many: '{n} call requests await approval.',
  boardPending_other: '{n} call requests await approval.',
  colState: 'State',
  colDetainee: 'Detainee',
  colRelative: 'Relative',
  colLanguages: 'Languages',
  colInState: 'Time in state',
  colTimeLeft: 'Time left',
  colActions: 'Actions',
  colStart: 'Start',
  colEnded: 'Ended',
  endsIn: 'ends in',
  rowActions: 'Listen, barge, end',
  rowActionsFor: 'for the call of',
  openCall: 'Open the call',
  missingMonitorWords: 'No monitor on the line: the parties cannot talk until one joins.',
  boardStartsIn: 'starts in',
};
