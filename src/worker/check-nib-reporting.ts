import type { AppContext } from '../app-context.js';

/**
 * D-02: the National Information Bureau must hear of every detainee, whatever the consent ledger says. A detainee
 * without a recorded NIB report NIB_REPORT_ALERT_DAYS after his arrival gets one task for staff, once.
 */
export async function checkNibReporting(ctx: AppContext): Promise<number> {
  const days = ctx.config.records.nibReportAlertDays;
  const alerted = await ctx.repos.nibReports.alertUnreported(
    ctx.clock.now(),
    days,
    `no NIB report recorded ${days} days after capture or arrival (D-02): report to the NIB, then record the date on the detainee's page`,
    500,
  );
  if (alerted.length)
    await ctx.repos.audit.append({
      actor: 'system',
      action: 'nib_report.alerted',
      subjectType: 'detainee',
      detail: { count: alerted.length },
    });
  return alerted.length;
}
