// The tabs People / Tokens / Audit: a tab list the arrow keys move along (mirrored in Arabic),
// Home and End jump to the ends.
import { t } from '../i18n/i18n';

export const TABS = ['people', 'tokens', 'audit'] as const;
export type Tab = (typeof TABS)[number];

export function AdminTabs({ tab, onChange }: { tab: Tab; onChange: (t: Tab) => void }) {
  const move = (e: KeyboardEvent) => {
    const rtl = document.documentElement.dir === 'rtl';
    const i = TABS.indexOf(tab);
    const step = e.key === 'ArrowRight' ? (rtl ? -1 : 1) : e.key === 'ArrowLeft' ? (rtl ? 1 : -1) : 0;
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : step ? (i + step + TABS.length) % TABS.length : -1;
    const next = TABS[to];
    if (!next) return;
    e.preventDefault();
    onChange(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <div class="admin-tabs" role="tablist" aria-label={t('admin.tabs.label')} onKeyDown={move}>
      {TABS.map((id) => (
        <button key={id} id={`tab-${id}`} type="button" role="tab" aria-selected={tab === id} aria-controls="admin-tabpanel"
          tabIndex={tab === id ? 0 : -1} data-testid={`tab-${id}`} onClick={() => onChange(id)}>
          {t(`admin.tabs.${id}`)}
        </button>
      ))}
    </div>
  );
}
