// The people of the place, one row each: login, name, role, agent, language, second factor,
// disabled, last login. A row's "Open" button selects the person.
import type { AdminUser } from '../api/admin';
import { t } from '../i18n/i18n';
import { Ltr, When } from '../ui/bidi';

export function PeopleTable({ users, selected, onOpen }: { users: readonly AdminUser[]; selected: number | null; onOpen: (id: number) => void }) {
  if (users.length === 0) return <p class="muted" data-testid="people-none">{t('admin.people.none')}</p>;
  return (
    <div class="table-scroll">
      <table class="grid-table people-table" data-testid="people-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.person.login')}</th>
            <th scope="col">{t('admin.person.name')}</th>
            <th scope="col">{t('admin.person.role')}</th>
            <th scope="col">{t('admin.person.agent')}</th>
            <th scope="col">{t('admin.person.language')}</th>
            <th scope="col">{t('admin.person.secondFactor')}</th>
            <th scope="col">{t('admin.person.status')}</th>
            <th scope="col">{t('admin.person.lastLogin')}</th>
            <th scope="col"><span class="visually-hidden">{t('admin.person.open')}</span></th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} data-testid="person-row" data-login={u.login} data-disabled={String(u.disabled)}
              class={`${u.disabled ? 'is-disabled' : ''} ${selected === u.id ? 'is-selected' : ''}`}>
              <th scope="row"><Ltr>{u.login}</Ltr></th>
              <td>{u.name}</td>
              <td data-role={u.role}>{t(`roles.${u.role}`)}</td>
              <td>{u.agentLogin ? <Ltr class="num">{u.agentLogin}</Ltr> : <span class="muted">—</span>}</td>
              <td>{t(`languageName.${u.language}`)}</td>
              <td>{u.secondFactor ? t('admin.person.secondFactorSet') : <span class="muted">{t('admin.person.secondFactorNone')}</span>}</td>
              <td data-testid="person-status">
                {u.disabled ? <span class="pill bad">{t('admin.person.disabled')}</span> : <span class="pill ok">{t('admin.person.active')}</span>}
              </td>
              <td>{u.lastLoginAt ? <When iso={u.lastLoginAt} /> : <span class="muted">{t('admin.person.never')}</span>}</td>
              <td>
                <button type="button" class="secondary small" aria-pressed={selected === u.id} data-testid="person-open" onClick={() => onOpen(u.id)}>
                  {t('admin.person.open')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
