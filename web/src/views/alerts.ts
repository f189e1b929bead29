// Alerts: the latest monthly digest as the planner received it, and the history of runs by severity.
import { type AlertItem, type AlertRun, getAlerts, runAlerts } from '../api';
import { chartFigure } from '../chart';
import { errorBox, h, section, table } from '../ui';

const MONTHS_OF_HISTORY = 12;

const SEVERITY_COLOURS = { critical: '#b3261e', warn: '#8a5a00', watch: '#0b5cad' } as const;
const SEVERITIES = ['critical', 'warn', 'watch'] as const;
const SEVERITY_LABELS = {
  critical: 'Critical: act now',
  warn: 'Warnings: act before the next admissions round',
  watch: 'Watch: short only if growth runs high',
} as const;

/** YYYY-MM of `monthsBack` months before this one. */
function monthsAgo(monthsBack: number): string {
  const now = new Date();
  const date = new Date(now.getFullYear(), now.getMonth() - monthsBack, 1);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

export function alertsView(root: HTMLElement): void {
  const since = monthsAgo(MONTHS_OF_HISTORY - 1);
  const thisMonth = monthsAgo(0);
  const body = h('div');
  const status = h('div', { role: 'status' });
  const runNow = h('button', { type: 'button', class: 'secondary' }, `Run the ${thisMonth} alerts now`);
  const load = () =>
    section(
      body,
      'alert history',
      () => getAlerts(since),
      (result) => renderAlerts(result.runs),
    );
  // Planners can run the month's alerts on demand; a month already sent is not sent twice (the API says so).
  runNow.addEventListener('click', async () => {
    runNow.disabled = true;
    status.replaceChildren();
    try {
      const result = await runAlerts(thisMonth);
      status.replaceChildren(
        h(
          'p',
          { class: 'notice' },
          result.alreadySent
            ? `The ${thisMonth} digest was already sent; nothing was sent again.`
            : `Digest for ${thisMonth} sent with ${result.alerts.length} alerts.`,
        ),
      );
      await load();
    } catch (error) {
      status.replaceChildren(errorBox(error, `the ${thisMonth} alerts run`));
    } finally {
      runNow.disabled = false;
    }
  });
  root.append(
    h('div', { class: 'view-head' }, h('h2', {}, 'Alerts'), runNow),
    h(
      'p',
      { class: 'lede' },
      `Monthly capacity and spend alerts since ${since}: local provisions filling up, projected shortfalls of specialist places, outturn over budget and out-of-borough growth.`,
    ),
    status,
    body,
  );
  void load();
}

/** One severity's alerts: critical and warn open, the watch list folded (it is what to keep an eye on). */
function alertGroup(severity: (typeof SEVERITIES)[number], alerts: AlertItem[]): HTMLElement | null {
  const group = alerts.filter((alert) => alert.severity === severity);
  if (group.length === 0) return null;
  return h(
    'details',
    { class: 'alert-group', open: severity !== 'watch' },
    h('summary', {}, `${SEVERITY_LABELS[severity]} (${group.length})`),
    h(
      'ul',
      { class: 'alert-list' },
      ...group.map((alert) =>
        h(
          'li',
          { class: `alert alert-${alert.severity}` },
          h('span', { class: 'badge' }, alert.severity),
          ' ',
          h('a', { href: alert.view }, alert.subject),
          h('p', {}, alert.message),
        ),
      ),
    ),
  );
}

function renderAlerts(runs: AlertRun[]): Node[] {
  const sorted = [...runs].sort((a, b) => a.month.localeCompare(b.month));
  const latest = [...sorted].reverse().find((run) => run.status === 'sent' && run.digest);
  const count = (run: AlertRun, severity: string) => run.alerts.filter((a) => a.severity === severity).length;
  const digest = latest?.digest
    ? h(
        'section',
        { class: 'card', 'aria-labelledby': 'digest-heading' },
        h('h3', { id: 'digest-heading' }, `Latest digest: ${latest.month}`),
        h('p', { class: 'digest-subject', id: 'digest-subject' }, latest.digest.subject),
        h(
          'details',
          {},
          h('summary', {}, 'The digest as sent (plain text)'),
          h('pre', { class: 'digest', tabindex: 0, 'aria-label': 'Digest text' }, latest.digest.body),
        ),
        ...SEVERITIES.map((severity) => alertGroup(severity, latest.alerts)),
      )
    : h(
        'p',
        { class: 'notice', id: 'no-digest' },
        "No digest has been sent yet. The monthly run sends one on the 1st of each month; run this month's now with the button above, or `npm run -s alerts -- --month YYYY-MM`.",
      );
  if (sorted.length === 0) return [digest];

  const history = chartFigure({
    id: 'chart-alerts',
    title: 'Alerts by month and severity',
    description: `Number of alerts in each monthly digest, by severity, over the last ${MONTHS_OF_HISTORY} months.`,
    height: 260,
    option: {
      xAxis: { type: 'category', data: sorted.map((r) => r.month) },
      yAxis: { type: 'value', name: 'Alerts', minInterval: 1 },
      series: SEVERITIES.map((severity) => ({
        name: severity,
        type: 'bar',
        stack: 'alerts',
        data: sorted.map((run) => count(run, severity)),
        itemStyle: { color: SEVERITY_COLOURS[severity] },
        barMaxWidth: 48,
      })),
    },
    table: table(
      'Monthly alert runs',
      [
        { label: 'Month', value: (r: AlertRun) => r.month },
        { label: 'Status', value: (r) => r.status },
        { label: 'Critical', value: (r) => count(r, 'critical'), numeric: true },
        { label: 'Warn', value: (r) => count(r, 'warn'), numeric: true },
        { label: 'Watch', value: (r) => count(r, 'watch'), numeric: true },
        { label: 'Subject', value: (r) => r.digest?.subject ?? '—' },
      ],
      [...sorted].reverse(),
      { id: 'alerts-table' },
    ),
  });
  return [digest, history];
}
