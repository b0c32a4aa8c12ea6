// The three languages, each named in itself. Before login the choice stays in this browser;
// once logged in it is the user's setting (PUT /api/session/language).
import { LANGUAGES } from '../api/types';
import { language, t } from '../i18n/i18n';
import { changeLanguage } from '../session/session';
import { useAction } from './action';
import { ErrorText } from './ErrorText';

export function LanguagePicker() {
  const action = useAction();
  return (
    <div class="language-picker">
      <div class="segmented" role="group" aria-label={t('language.label')}>
        {LANGUAGES.map((l) => (
          <button
            key={l}
            type="button"
            lang={l}
            aria-pressed={language.value === l}
            disabled={action.busy.value}
            data-testid={`language-${l}`}
            onClick={() => { if (language.value !== l) void action.run(() => changeLanguage(l)); }}
          >
            {t(`languageSelf.${l}`)}
          </button>
        ))}
      </div>
      <ErrorText error={action.error.value} testid="language-error" />
    </div>
  );
}
