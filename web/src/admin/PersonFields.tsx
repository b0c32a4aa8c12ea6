// The fields a person is made and edited with: name, role (those allowed in the place), the
// agent's login for an agent (the tenant's agents offered as suggestions) and the language.
import type { Signal } from '@preact/signals';
import { LANGUAGES, type Language, type Role } from '../api/types';
import { t } from '../i18n/i18n';
import { ltrText } from '../ui/bidi';
import type { PersonForm } from './person-change';
import { linksAgent } from './roles';

export interface PersonFieldsProps {
  form: Signal<PersonForm>;
  roles: readonly Role[];
  /** The tenant's agents (login, name), for the suggestions. */
  agents: readonly { login: string; name: string }[];
  prefix: string;
  onEdit: () => void;
}

export function PersonFields({ form, roles, agents, prefix, onEdit }: PersonFieldsProps) {
  const f = form.value;
  const set = (patch: Partial<PersonForm>) => { form.value = { ...form.value, ...patch }; onEdit(); };
  const listId = `${prefix}-agents`;
  return (
    <>
      <label class="field">
        <span>{t('admin.person.name')}</span>
        <input value={f.name} maxLength={120} autocomplete="off" data-testid={`${prefix}-name`} onInput={(e) => set({ name: e.currentTarget.value })} />
      </label>
      <label class="field">
        <span>{t('admin.person.role')}</span>
        <select value={f.role} data-testid={`${prefix}-role`} onChange={(e) => set({ role: e.currentTarget.value as Role })}>
          {roles.map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
        </select>
      </label>
      {linksAgent(f.role) && (
        <label class="field">
          <span>{t('admin.person.agent')}</span>
          <input value={f.agent} dir="ltr" inputMode="numeric" autocomplete="off" list={listId} data-testid={`${prefix}-agent`}
            onInput={(e) => set({ agent: e.currentTarget.value })} />
          <datalist id={listId}>
            {agents.map((a) => <option key={a.login} value={a.login}>{ltrText(a.login)} — {a.name}</option>)}
          </datalist>
          <small class="muted">{t('admin.person.agentHelp')}</small>
        </label>
      )}
      <label class="field">
        <span>{t('admin.person.language')}</span>
        <select value={f.language} data-testid={`${prefix}-language`} onChange={(e) => set({ language: e.currentTarget.value as Language })}>
          {LANGUAGES.map((l) => <option key={l} value={l}>{t(`languageName.${l}`)}</option>)}
        </select>
      </label>
    </>
  );
}
