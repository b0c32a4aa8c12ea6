// For the platform administrator: whose people to manage, the outsourcer's own staff or a
// client's (the app has no list of clients: the client's short name is typed, and checked by
// reading its people).
import { useSignal } from '@preact/signals';
import { listUsers, type Place } from '../api/admin';
import { t } from '../i18n/i18n';
import { useAction } from '../ui/action';
import { ErrorText } from '../ui/ErrorText';
import { Ltr } from '../ui/bidi';
import { cleanSlug } from './roles';
import { ApiError } from '../api/client';

export function PlaceChooser({ place, onChoose }: { place: Place; onChoose: (p: Place) => void }) {
  const typed = useSignal(place ?? '');
  const action = useAction();
  const open = async (e: Event) => {
    e.preventDefault();
    const slug = cleanSlug(typed.value);
    await action.run(async () => {
      if (!slug) throw new ApiError(404, 'tenant.not_found');
      await listUsers(slug);
      onChoose(slug);
    });
  };
  return (
    <div class="place-chooser" data-testid="place-chooser">
      <span class="place-now">
        {t('admin.place.now')} <strong data-testid="place-current">{place === null ? t('admin.place.staff') : <Ltr>{place}</Ltr>}</strong>
      </span>
      <button type="button" class="secondary" aria-pressed={place === null} data-testid="place-staff" onClick={() => { action.clear(); onChoose(null); }}>
        {t('admin.place.staff')}
      </button>
      <form class="row wrap" noValidate onSubmit={(e) => void open(e)}>
        <label class="field inline">
          <span>{t('admin.place.tenant')}</span>
          <input value={typed.value} dir="ltr" autocomplete="off" spellcheck={false} size={16} data-testid="place-tenant"
            aria-describedby="place-help" onInput={(e) => { typed.value = e.currentTarget.value; action.clear(); }} />
        </label>
        <button type="submit" class="secondary" disabled={action.busy.value || !typed.value.trim()} data-testid="place-open">{t('admin.place.open')}</button>
      </form>
      <small id="place-help" class="muted">{t('admin.place.help')}</small>
      <ErrorText error={action.error.value} testid="place-error" />
    </div>
  );
}
