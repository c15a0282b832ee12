import { mount } from 'svelte';
import App from './App.svelte';
import { installProblemReporter } from './lib/problem-reporter';
import './styles/tokens.css';
import './styles/base.css';
import './styles/tile-button.css';
import './styles/button-looks.css';
import './styles/admin-controls.css';
import './styles/surface.css';
import './styles/screen-title.css';

// First, so a failure while the screen starts is reported too.
installProblemReporter();

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

export default mount(App, { target });
