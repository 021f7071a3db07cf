import { mount } from 'svelte';
import './app.css';
import App from './App.svelte';
import { markFirstRender, startMark } from './lib/startMarks';
import { nav } from './lib/stores/nav.svelte';

startMark('script');
// The first command goes out before the UI is built (App's onMount starts).
nav.askStatusEarly();

const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element');

const app = mount(App, { target });
markFirstRender();
export default app;
