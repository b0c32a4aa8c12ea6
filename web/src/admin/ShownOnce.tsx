// A secret the server made (a password, an API token) shown this once: readable, copyable, and
// a plain warning that it must be handed over now.
import { t } from '../i18n/i18n';
import { CopyButton } from '../ui/CopyButton';
import { Ltr } from '../ui/bidi';

export function ShownOnce({ title, value, testid, onDone }: { title: string; value: string; testid: string; onDone: () => void }) {
  return (
    <div class="shown-once" role="status" data-testid={`${testid}-box`}>
      <p class="shown-once-title">{title}</p>
      <p class="secret-line">
        <Ltr class="once-secret" testid={testid}><code>{value}</code></Ltr>
        <CopyButton text={value} label={t('admin.once.copy')} testid={`${testid}-copy`} />
      </p>
      <p class="notice warn">{t('admin.once.warning')}</p>
      <button type="button" class="secondary" data-testid={`${testid}-done`} onClick={onDone}>{t('admin.once.done')}</button>
    </div>
  );
}
