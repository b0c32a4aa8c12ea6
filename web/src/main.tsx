// The web app's entry: styles and fonts (bundled, no external URL), the session, then the screen.
import './styles/fonts.css';
import './styles/base.css';
import './styles/auth.css';
import './styles/panel.css';
import './styles/admin.css';
import { render } from 'preact';
import { App } from './app/App';
import { startClock } from './format/clock';
import { loadSession } from './session/session';

startClock();
void loadSession();
const root = document.getElementById('app');
if (root) render(<App />, root);
