// What can be done to one person beyond editing: disable or enable them, give them a new password
// (made by the server, shown once), clear their second factor. Each asks for confirmation first.
import { useSignal } from '@preact/signals';
import { changeUser, resetPassword, resetSecondFactor, type AdminUser, type Place } from '../api/admin';
import { t } from '../i18n/i18n';
import { ConfirmButton } from './ConfirmButton';
import { ShownOnce } from './ShownOnce';

export function PersonActions({ place, user, onChanged }: { place: Place; user: AdminUser; onChanged: () => void }) {
  const password = useSignal<string | null>(null);
  return (
    <section class="person-actions" aria-label={t('admin.actions.title')}>
      {password.value && (
        <ShownOnce title={t('admin.once.newPassword')} value={password.value} testid="new-password" onDone={() => { password.value = null; }} />
      )}
      <div class="row wrap">
        <ConfirmButton label={t('admin.actions.resetPassword')} question={t('admin.actions.resetPasswordAsk')} testid="person-reset-password"
          run={async () => { password.value = (await resetPassword(place, user.id)).password ?? null; }} onDone={onChanged} />
        {user.secondFactor && (
          <ConfirmButton label={t('admin.actions.resetSecondFactor')} question={t('admin.actions.resetSecondFactorAsk')} testid="person-reset-second-factor"
            run={() => resetSecondFactor(place, user.id)} onDone={onChanged} />
        )}
        {user.disabled ? (
          <ConfirmButton label={t('admin.actions.enable')} question={t('admin.actions.enableAsk')} testid="person-enable"
            run={() => changeUser(place, user.id, { disabled: false })} onDone={onChanged} />
        ) : (
          <ConfirmButton label={t('admin.actions.disable')} question={t('admin.actions.disableAsk')} testid="person-disable"
            run={() => changeUser(place, user.id, { disabled: true })} onDone={onChanged} />
        )}
      </div>
    </section>
  );
}
