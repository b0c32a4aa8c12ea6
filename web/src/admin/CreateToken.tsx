// A new API token of the place: a name saying what uses it, a role, an agent for an agent's
// token. Its secret is answered this once and shown with a copy button until dismissed.
import { useSignal } from '@preact/signals';
import { createToken, type Place } from '../api/admin';
import type { Role } from '../api/types';
import { t } from '../i18n/i18n';
import { useAction } from '../ui/action';
import { ErrorText } from '../ui/ErrorText';
import { linksAgent, rolesFor } from './roles';
import { ShownOnce } from './ShownOnce';

export function CreateToken({ place, onCreated }: { place: Place; onCreated: () => void }) {
  const roles = rolesFor(place);
  const name = useSignal('');
  const role = useSignal<Role>(roles.includes('supervisor') ? 'supervisor' : roles[0] ?? 'supervisor');
  const agent = useSignal('');
  const secret = useSignal<string | null>(null);
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    await action.run(async () => {
      const answer = await createToken(place, { name: name.value.trim(), role: role.value, ...(linksAgent(role.value) ? { agent: agent.value.trim() } : {}) });
      secret.value = answer.secret;
      name.value = '';
      agent.value = '';
      onCreated();
    });
  };

  if (secret.value) {
    return (
      <section class="card" aria-labelledby="token-create-title">
        <h2 id="token-create-title">{t('admin.tokens.doneTitle')}</h2>
        <ShownOnce title={t('admin.once.token')} value={secret.value} testid="created-token" onDone={() => { secret.value = null; }} />
      </section>
    );
  }
  return (
    <section class="card" aria-labelledby="token-create-title">
      <h2 id="token-create-title">{t('admin.tokens.create')}</h2>
      <form class="stack" noValidate onSubmit={(e) => void submit(e)} data-testid="create-token">
        <label class="field">
          <span>{t('admin.tokens.name')}</span>
          <input value={name.value} maxLength={120} autocomplete="off" data-testid="token-name" onInput={(e) => { name.value = e.currentTarget.value; action.clear(); }} />
          <small class="muted">{t('admin.tokens.nameHelp')}</small>
        </label>
        <label class="field">
          <span>{t('admin.person.role')}</span>
          <select value={role.value} data-testid="token-role" onChange={(e) => { role.value = e.currentTarget.value as Role; action.clear(); }}>
            {roles.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
          </select>
        </label>
        {linksAgent(role.value) && (
          <label class="field">
            <span>{t('admin.person.agent')}</span>
            <input value={agent.value} dir="ltr" inputMode="numeric" autocomplete="off" data-testid="token-agent" onInput={(e) => { agent.value = e.currentTarget.value; action.clear(); }} />
          </label>
        )}
        <ErrorText error={action.error.value} testid="token-create-error" />
        <button type="submit" class="primary" disabled={action.busy.value || !name.value.trim()} data-testid="token-submit">{t('admin.tokens.submit')}</button>
      </form>
    </section>
  );
}
