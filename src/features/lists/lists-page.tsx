/**
 * Monthly lists (issue 11; docs/protocol.md "Lists"), online: choose the commune and month,
 * upload the list file (a refused file shows its findings, row and column, and nothing is kept),
 * see the month's lists and open one: its money equation, lines, findings and steps.
 */
import { useState } from 'react';
import { addMonths } from '../../domain/calendar';
import { formatVnd, vnd } from '../../domain/money';
import { vietnamMonth } from '../../lib/clock';
import { errorMessage, t } from '../../ui/messages';
import { CommuneMonthPicker } from '../../ui/commune-month-picker';
import { useServices } from '../../ui/services';
import { useMyCommunes } from '../../ui/use-my-communes';
import { useOnline } from '../../ui/use-online';
import { ListDetailView } from './list-detail';
import { UploadList } from './upload-list';
import { MonthClosing } from './month-closing';
import { useListDetail, useMonthLists } from './use-lists';

export function ListsPage() {
  const { clock } = useServices();
  const communes = useMyCommunes();
  const online = useOnline();
  const [commune, setCommune] = useState('');
  const [period, setPeriod] = useState(() => addMonths(vietnamMonth(clock.now()), 1) ?? vietnamMonth(clock.now()));
  const [openId, setOpenId] = useState<string | null>(null);
  // Bumped after every change, so the month's closing is read again.
  const [changes, setChanges] = useState(0);
  const chosen = commune || communes?.[0]?.code || '';
  const [month, reloadMonth] = useMonthLists(chosen, period);
  const [detail, reloadDetail] = useListDetail(openId);
  if (communes === undefined) return null;

  const refresh = () => {
    reloadMonth();
    reloadDetail();
    setChanges((n) => n + 1);
  };

  return (
    <section className="lists">
      <h1 className="no-print">{t.lists.title}</h1>
      {/* Printing this page prints the month's closing record alone. */}
      <div className="no-print">
        {!online && (
          <p className="warning" role="status">
            {t.lists.online}
          </p>
        )}
        <CommuneMonthPicker
          communes={communes}
          commune={chosen}
          period={period}
          labels={{ commune: t.lists.commune, month: t.lists.month }}
          onCommune={setCommune}
          onPeriod={setPeriod}
        />
        <UploadList
          commune={chosen}
          period={period}
          kind={
            month.state === 'ready' && month.value.some((l) => l.kind === 'month' && l.status === 'published')
              ? 'correction'
              : 'month'
          }
          onKept={(listId) => {
            setOpenId(listId);
            refresh();
          }}
        />
        <h2>{t.lists.monthLists}</h2>
        {month.state === 'loading' && <p className="muted">{t.lists.loading}</p>}
        {month.state === 'failed' && (
          <p className="error" role="alert">
            {t.lists.loadFailed} {errorMessage(month.code)}{' '}
            <button type="button" onClick={reloadMonth}>
              {t.lists.retry}
            </button>
          </p>
        )}
        {month.state === 'ready' &&
          (month.value.length === 0 ? (
            <p className="empty">{t.lists.none}</p>
          ) : (
            <ul className="plain" data-testid="month-lists">
              {month.value.map((l) => (
                <li key={l.listId} className="card">
                  {l.kind === 'correction' && `${t.lists.listKinds.correction}: `}
                  {l.fileName} · {t.lists.statuses[l.status]} · {formatVnd(vnd(l.total))} ·{' '}
                  {t.lists.preparedBy(l.preparerName)}{' '}
                  <button type="button" onClick={() => setOpenId(l.listId)}>
                    {t.lists.open}
                  </button>
                </li>
              ))}
            </ul>
          ))}
        {openId !== null && detail.state === 'ready' && <ListDetailView detail={detail.value} onChanged={refresh} />}
        {openId !== null && detail.state === 'failed' && (
          <p className="error" role="alert">
            {errorMessage(detail.code)}
          </p>
        )}
      </div>
      {chosen !== '' && (
        <MonthClosing
          key={`${chosen}|${period}|${changes}`}
          commune={chosen}
          communeName={communes.find((c) => c.code === chosen)?.name ?? chosen}
          period={period}
        />
      )}
    </section>
  );
}
