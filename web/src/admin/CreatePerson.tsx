// A new person of the place: login, name, role, agent (agents only), language. The server makes
// the password and answers it this once: it is shown with a copy button until dismissed.
import { useSignal } from '@preact/signals';
import { createUser, type Place } from '../api/admin';
import { t } from '../i18n/i18n';
import { useAction } from '../ui/action';
import { ErrorText } from '../ui/ErrorText';
import { Ltr } from '../ui/bidi';
import { newUserBody, type PersonForm } from './person-change';
import { PersonFields } from './PersonFields';
import { rolesFor } from './roles';
import { ShownOnce } from './ShownOnce';

export interface CreatePersonProps {
  place: Place;
  agents: readonly { login: string; name: string }[];
  onCreated: () => void;
}

export function CreatePerson({ place, agents, onCreated }: CreatePersonProps) {
  const roles = rolesFor(place);
  const blank = (): PersonForm => ({ name: '', role: roles[0] ?? 'agent', language: 'fr', agent: '' });
  const login = useSignal('');
  const form = useSignal<PersonForm>(blank());
  const made = useSignal<{ login: string; password: string } | null>(null);
  const action = useAction();

  const submit = async (e: Event) => {
    e.preventDefault();
    const body = newUserBody(login.value, form.value);
    await action.run(async () => {
      const answer = await createUser(place, body);
      made.value = answer.password ? { login: answer.user.login, password: answer.password } : null;
      login.value = '';
      form.value = blank();
      onCreated();
    });
  };

  if (made.value) {
    return (
      <section class="card" aria-labelledby="create-title">
        <h2 id="create-title">{t('admin.create.doneTitle')}</h2>
        <p>{t('admin.create.doneLogin')} <Ltr class="strong" testid="created-login">{made.value.login}</Ltr></p>
        <ShownOnce title={t('admin.once.password')} value={made.value.password} testid="created-password" onDone={() => { made.value = null; }} />
      </section>
    );
  }
  return (
    <section class="card" aria-labelledby="create-title">
      <h2 id="create-title">{t('admin.create.title')}</h2>
      <form class="stack" noValidate onSubmit={(e) => void submit(e)} data-testid="create-person">
        <label class="field">
          <span>{t('admin.person.login')}</span>
          <input value={login.value} dir="ltr" autocomplete="off" spellcheck={false} maxLength={64} data-testid="create-login"
            onInput={(e) => { login.value = e.currentTarget.value; action.clear(); }} />
          <small class="muted">{t('admin.person.loginHelp')}</small>
        </label>
        <PersonFields form={form} roles={roles} agents={agents} prefix="create" onEdit={action.clear} />
        <p class="muted">{t('admin.create.passwordNote')}</p>
        <ErrorText error={action.error.value} testid="create-error" />
        <button type="submit" class="primary" disabled={action.busy.value || !login.value.trim() || !form.value.name.trim()} data-testid="create-submit">
          {t('admin.create.submit')}
        </button>
      </form>
    </section>
  );
}
