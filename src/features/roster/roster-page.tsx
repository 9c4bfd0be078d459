import { useDeferredValue, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { defaultRosterView } from '../../domain/roster-filter';
import { markRosterPainted } from '../../ui/idle-preload';
import { t } from '../../ui/messages';
import { GuideLink } from '../../ui/guide-link';
import { RosterFilterBar } from './roster-filters';
import { RosterList } from './roster-list';
import {
  useFilteredRosterKeys,
  useRosterCount,
  useRosterIndexReady,
  useRosterSearch,
  useRosterVillages,
} from './use-roster';
import { useRosterView } from './use-roster-view';

const NO_IDS: readonly string[] = [];

export function RosterPage() {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim());
  const [storedView, setView] = useRosterView();
  const view = storedView ?? defaultRosterView;
  const count = useRosterCount();
  const villages = useRosterVillages();
  const search = useRosterSearch(deferred, view);
  const keys = useFilteredRosterKeys(view);
  const indexReady = useRosterIndexReady();
  // The first rows are on screen: other screens may load now (ui/idle-preload.ts).
  useEffect(() => {
    if (count !== undefined) markRosterPainted();
  }, [count]);
  const searching = deferred.length > 0;
  // The filtered list (null: the plain name order needs no key list).
  const filtered = keys !== null;

  function countText(): string {
    if (searching) return search ? t.roster.found(search.ids.length, search.hasMore) : '';
    if (filtered) return keys && count !== undefined ? t.roster.matching(keys.length, count) : '';
    return count !== undefined ? t.roster.count(count) : '';
  }

  function list() {
    // Until the remembered view is read, show nothing rather than a list that then changes.
    if (storedView === undefined) return null;
    if (count === 0 && !searching) return <p className="empty">{t.roster.empty}</p>;
    if (searching) {
      if (search && search.ids.length === 0) return <p className="empty">{t.roster.noMatch}</p>;
      return <RosterList source={{ kind: 'keys', ids: search?.ids ?? NO_IDS }} label={t.roster.title} />;
    }
    if (filtered) {
      if (keys && keys.length === 0) return <p className="empty">{t.roster.noFilterMatch}</p>;
      return <RosterList source={{ kind: 'keys', ids: keys ?? [] }} label={t.roster.title} />;
    }
    return <RosterList source={{ kind: 'all', count: count ?? 0 }} label={t.roster.title} />;
  }

  return (
    <section className="roster">
      <h1 className="visually-hidden">{t.roster.title}</h1>
      <GuideLink guide="roster" />
      <div className="search-bar">
        <label htmlFor="roster-search" className="visually-hidden">
          {t.roster.searchLabel}
        </label>
        <input
          id="roster-search"
          type="search"
          inputMode="search"
          enterKeyHint="search"
          autoComplete="off"
          placeholder={t.roster.searchPlaceholder}
          aria-label={t.roster.searchLabel}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <Link to="/kiem-tra" className="button scan-link">
          {t.roster.scan}
        </Link>
        {storedView && <RosterFilterBar view={storedView} villages={villages ?? []} onChange={setView} />}
        <p className="muted" aria-live="polite" data-testid="roster-count">
          {countText()}
        </p>
        {!indexReady && (
          <p className="muted" data-testid="roster-index-pending">
            {t.roster.indexPreparing}
          </p>
        )}
      </div>
      {list()}
    </section>
  );
}
