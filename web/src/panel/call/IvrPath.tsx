// The caller's way through the IVR, as readable steps: "Language chosen: Arabic", "Key 1:
// Technical line" (or "Menu main: key 1" when where it led is unknown), "Opening hours technique: open".
import type { IvrStep } from '../../api/types';
import { t } from '../../i18n/i18n';
import { languageName } from '../../i18n/labels';
import { T } from '../../i18n/T';
import { Ltr } from '../../ui/bidi';

function Step({ step }: { step: IvrStep }) {
  switch (step.kind) {
    case 'language':
      return <>{t('ivr.language', { language: languageName(step.language) })}</>;
    case 'key':
      return step.choice
        ? <T k="ivr.keyChoice" parts={{ key: <Ltr class="key">{step.key}</Ltr>, choice: <bdi>{step.choice}</bdi> }} />
        : <T k="ivr.key" parts={{ menu: <bdi class="ident">{step.menu}</bdi>, key: <Ltr class="key">{step.key}</Ltr> }} />;
    case 'calendar':
      return <T k="ivr.calendar" vars={{ decision: t(`ivr.decision.${step.decision}`) }} parts={{ calendar: <bdi class="ident">{step.calendar}</bdi> }} />;
  }
}

export function IvrPath({ steps }: { steps: IvrStep[] }) {
  return (
    <section class="ivr" aria-labelledby="ivr-title">
      <h3 id="ivr-title">{t('ivr.title')}</h3>
      {steps.length === 0 ? <p class="muted" data-testid="ivr-empty">{t('ivr.none')}</p> : (
        <ol class="ivr-steps" data-testid="ivr-path">
          {steps.map((s, i) => <li key={i} data-testid="ivr-step" data-kind={s.kind}><Step step={s} /></li>)}
        </ol>
      )}
    </section>
  );
}
