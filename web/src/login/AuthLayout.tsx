// The frame of the login screens: the brand and the language picker above one card.
import type { ComponentChildren } from 'preact';
import { Brand } from '../ui/Brand';
import { LanguagePicker } from '../ui/LanguagePicker';

export function AuthLayout({ title, children, testid }: { title: string; children: ComponentChildren; testid: string }) {
  return (
    <div class="auth">
      <header class="auth-top">
        <Brand />
        <LanguagePicker />
      </header>
      <main class="auth-card" data-testid={testid} aria-labelledby="auth-title">
        <h1 id="auth-title">{title}</h1>
        {children}
      </main>
    </div>
  );
}
