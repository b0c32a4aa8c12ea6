// The Tokens tab: the place's API tokens (revoked ones too, marked), each revocable after a
// confirmation, and the form for a new one.
import { listTokens, revokeToken, type Place } from '../api/admin';
import { t } from '../i18n/i18n';
import { ErrorText } from '../ui/ErrorText';
import { Ltr, When } from '../ui/bidi';
import { ConfirmButton } from './ConfirmButton';
import { CreateToken } from './CreateToken';
import { useLoaded } from './useLoaded';

export function TokensTab({ place }: { place: Place }) {
  const tokens = useLoaded(() => listTokens(place), `tokens:${place ?? ''}`);
  const list = tokens.data.value;
  return (
    <div class="admin-columns" data-testid="admin-tokens">
      <section class="card" aria-labelledby="tokens-title">
        <h2 id="tokens-title">{t('admin.tokens.title')}</h2>
        <p class="muted">{t('admin.tokens.intro')}</p>
        <ErrorText error={tokens.error.value} testid="tokens-error" />
        {!list ? !tokens.error.value && <p role="status">{t('common.loading')}</p> : list.length === 0 ? <p class="muted">{t('admin.tokens.none')}</p> : (
          <div class="table-scroll">
            <table class="grid-table" data-testid="tokens-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.tokens.name')}</th>
                  <th scope="col">{t('admin.person.role')}</th>
                  <th scope="col">{t('admin.person.agent')}</th>
                  <th scope="col">{t('admin.tokens.created')}</th>
                  <th scope="col">{t('admin.tokens.lastUsed')}</th>
                  <th scope="col">{t('admin.person.status')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((k) => (
                  <tr key={k.id} data-testid="token-row" data-revoked={String(k.revokedAt !== null)} class={k.revokedAt ? 'is-disabled' : ''}>
                    <th scope="row">{k.name}</th>
                    <td>{t(`roles.${k.role}`)}</td>
                    <td>{k.agentLogin ? <Ltr class="num">{k.agentLogin}</Ltr> : <span class="muted">—</span>}</td>
                    <td><When iso={k.createdAt} /></td>
                    <td>{k.lastUsedAt ? <When iso={k.lastUsedAt} /> : <span class="muted">{t('admin.person.never')}</span>}</td>
                    <td>
                      {k.revokedAt ? <span class="pill bad">{t('admin.tokens.revoked')} <When iso={k.revokedAt} /></span> : (
                        <ConfirmButton label={t('admin.tokens.revoke')} question={t('admin.tokens.revokeAsk')} testid="token-revoke"
                          run={() => revokeToken(place, k.id)} onDone={tokens.reload} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <div class="admin-side"><CreateToken place={place} onCreated={tokens.reload} /></div>
    </div>
  );
}
