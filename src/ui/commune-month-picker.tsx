/** The commune and month an online supervisor screen works on (monthly lists, transfers). */
export function CommuneMonthPicker({
  communes,
  commune,
  period,
  labels,
  onCommune,
  onPeriod,
}: {
  communes: readonly { code: string; name: string }[];
  commune: string;
  period: string;
  labels: { commune: string; month: string };
  onCommune: (code: string) => void;
  onPeriod: (month: string) => void;
}) {
  return (
    <div className="toolbar">
      <label>
        {labels.commune}
        <select value={commune} onChange={(e) => onCommune(e.target.value)}>
          {communes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {labels.month}
        <input type="month" value={period} onChange={(e) => onPeriod(e.target.value)} />
      </label>
    </div>
  );
}
