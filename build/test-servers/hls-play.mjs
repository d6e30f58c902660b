// Plays a signed HLS master playlist with hls.js in headless Chromium and prints what happened as JSON.
//   node hls-play.mjs <apiBase> <signedMasterPath> [seconds to play]
// The page is opened on the API's own origin (its /health), so playlists and segments are same-origin
// (a frontend on another origin needs it in Api:CorsAllowedOrigins).
// Exit code 0 when the playlists parsed and playback advanced; 1 otherwise (the JSON says why).
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';

const [apiBase, masterPath, secondsArg] = process.argv.slice(2);
const wanted = Number(secondsArg ?? '4');
const require = createRequire(import.meta.url);
const hlsPath = require.resolve('hls.js/dist/hls.min.js');
const executablePath = process.env.VEZA_CHROMIUM ?? '/usr/bin/chromium';

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required', '--disable-gpu', '--disable-dev-shm-usage'],
});
let result;
try {
  // The API's pages carry CSP default-src 'none' (it serves no scripts): the test page lifts it to inject hls.js.
  const page = await browser.newPage({ bypassCSP: true });
  await page.goto(new URL('/health', apiBase).toString());
  await page.addScriptTag({ path: hlsPath });
  result = await page.evaluate(async ({ master, wanted }) => {
    const report = {
      supported: window.Hls.isSupported(),
      aac: MediaSource.isTypeSupported('audio/mp4; codecs="mp4a.40.2"'),
      manifestParsed: false, levels: [], fragmentsLoaded: 0, fragmentLevels: [], currentTime: 0, ended: false, fatal: null,
    };
    if (!report.supported) return report;
    const audio = document.createElement('audio');
    audio.muted = true;
    document.body.appendChild(audio);
    const hls = new window.Hls({ enableWorker: false });
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, 30000);
      const done = () => { clearTimeout(timer); resolve(); };
      hls.on(window.Hls.Events.MANIFEST_PARSED, (_, data) => {
        report.manifestParsed = true;
        report.levels = data.levels.map((l) => l.bitrate);
        audio.play().catch((e) => { report.fatal = `play(): ${e}`; done(); });
      });
      hls.on(window.Hls.Events.FRAG_LOADED, (_, data) => {
        report.fragmentsLoaded++;
        if (!report.fragmentLevels.includes(data.frag.level)) report.fragmentLevels.push(data.frag.level);
      });
      hls.on(window.Hls.Events.ERROR, (_, data) => {
        if (data.fatal) {
          report.fatal = `${data.type}: ${data.details}${data.response ? ` (${data.response.code})` : ''}`;
          done();
        }
      });
      audio.addEventListener('timeupdate', () => { if (audio.currentTime >= wanted) done(); });
      audio.addEventListener('ended', () => { report.ended = true; done(); });
      hls.loadSource(master);
      hls.attachMedia(audio);
    });
    report.currentTime = audio.currentTime;
    hls.destroy();
    return report;
  }, { master: masterPath, wanted });
} finally {
  await browser.close();
}

console.log(JSON.stringify(result));
process.exit(result.manifestParsed && !result.fatal && (result.currentTime >= wanted || result.ended) ? 0 : 1);
