import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router';
import { t } from '../../ui/messages';
import { RosterList } from './roster-list';
import { useRosterCount, useRosterSearch } from './use-roster';

export function RosterPage() {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query.trim());
  const count = useRosterCount();
  const search = useRosterSearch(deferred);
  const searching = deferred.length > 0;

  return (
    <section className="roster">
      <h1 className="visually-hidden">{t.roster.title}</h1>
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
        <p className="muted" aria-live="polite" data-testid="roster-count">
          {searching
            ? search
              ? t.roster.found(search.rows.length, search.hasMore)
              : ''
            : count !== undefined
              ? t.roster.count(count)
              : ''}
        </p>
      </div>
      {count === 0 && !searching ? (
        <p className="empty">{t.roster.empty}</p>
      ) : searching ? (
        search && search.rows.length === 0 ? (
          <p className="empty">{t.roster.noMatch}</p>
        ) : (
          <RosterList source={{ kind: 'rows', rows: search?.rows ?? [] }} label={t.roster.title} />
        )
      ) : (
        <RosterList source={{ kind: 'all', count: count ?? 0 }} label={t.roster.title} />
      )}
    </section>
  );
}
