/** The roster's filter and sort controls: native selects, so touch, keyboard and screen readers just work. */
import { useId, useState } from 'react';
import { readinessStatuses } from '../../domain/readiness';
import {
  activeFilterCount,
  noFilters,
  rosterSorts,
  type RosterFilters,
  type RosterSort,
  type RosterView,
} from '../../domain/roster-filter';
import { beneficiaryStatuses, categoryCodes, paymentMethods } from '../../domain/vocabulary';
import { t } from '../../ui/messages';

/** Opened by default where there is room for it (the same breakpoint as the roster's columns). */
function isWideScreen(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(min-width: 760px)').matches;
}

function Choice<T extends string>(props: {
  label: string;
  value: T | null;
  options: readonly T[];
  optionLabel: (option: T) => string;
  /** The "any" entry; without it the select always holds one of the options. */
  anyLabel?: string;
  onChange: (value: T | null) => void;
}) {
  const id = useId();
  const { label, value, options, optionLabel, anyLabel, onChange } = props;
  return (
    <div className={value !== null && anyLabel ? 'filter set' : 'filter'}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(options.find((o) => o === e.target.value) ?? null)}>
        {anyLabel && <option value="">{anyLabel}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {optionLabel(o)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function RosterFilterBar({
  view,
  villages,
  onChange,
}: {
  view: RosterView;
  villages: readonly string[];
  onChange: (next: RosterView) => void;
}) {
  const [isOpen, setOpen] = useState(isWideScreen);
  const panelId = useId();
  const active = activeFilterCount(view.filters);
  const f = view.filters;
  function set<K extends keyof RosterFilters>(key: K, value: RosterFilters[K]) {
    onChange({ ...view, filters: { ...f, [key]: value } });
  }
  // A remembered village that no longer has anyone stays selectable, so the filter is visible.
  const villageOptions = f.village !== null && !villages.includes(f.village) ? [f.village, ...villages] : villages;
  const methods = [...paymentMethods, 'none'] as const;

  return (
    <div className="roster-filters">
      <button
        type="button"
        className={active > 0 ? 'filters-toggle set' : 'filters-toggle'}
        aria-expanded={isOpen}
        aria-controls={panelId}
        onClick={() => setOpen(!isOpen)}
      >
        {t.roster.filters.toggle(active)}
      </button>
      {active > 0 && (
        <button type="button" className="filters-clear" onClick={() => onChange({ ...view, filters: noFilters })}>
          {t.roster.filters.clear}
        </button>
      )}
      {isOpen && (
        <div id={panelId} className="filter-panel" role="group" aria-label={t.roster.filters.title}>
          <Choice
            label={t.roster.filters.village}
            value={f.village}
            options={villageOptions}
            optionLabel={(v) => v}
            anyLabel={t.roster.filters.any}
            onChange={(v) => set('village', v)}
          />
          <Choice
            label={t.roster.filters.category}
            value={f.category}
            options={categoryCodes}
            optionLabel={(c) => t.categories[c]}
            anyLabel={t.roster.filters.any}
            onChange={(v) => set('category', v)}
          />
          <Choice
            label={t.roster.filters.method}
            value={f.method}
            options={methods}
            optionLabel={(m) => (m === 'none' ? t.roster.filters.noMethod : t.methods[m])}
            anyLabel={t.roster.filters.any}
            onChange={(v) => set('method', v)}
          />
          <Choice
            label={t.roster.filters.status}
            value={f.status}
            options={beneficiaryStatuses}
            optionLabel={(s) => t.statuses[s]}
            anyLabel={t.roster.filters.any}
            onChange={(v) => set('status', v)}
          />
          <Choice
            label={t.roster.filters.readiness}
            value={f.readiness}
            options={readinessStatuses}
            optionLabel={(r) => t.readiness.statuses[r]}
            anyLabel={t.roster.filters.any}
            onChange={(v) => set('readiness', v)}
          />
          <Choice<RosterSort>
            label={t.roster.filters.sort}
            value={view.sort}
            options={rosterSorts}
            optionLabel={(s) => (s === 'name' ? t.roster.filters.sortName : t.roster.filters.sortVillage)}
            onChange={(v) => onChange({ ...view, sort: v ?? 'name' })}
          />
        </div>
      )}
    </div>
  );
}
