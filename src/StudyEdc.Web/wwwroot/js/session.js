// Idle sign-out for interactive pages. Typing in a Blazor circuit sends no HTTP request, so the sliding
// sign-in cookie would expire under an active user. Activity therefore pings the keep-alive endpoint (at most
// once a minute). A session without activity for the configured minutes posts the sign-out form.
(() => {
    const keepAliveIntervalMs = 60 * 1000;
    let lastActivity = Date.now();
    let lastKeepAlive = Date.now();

    function settings() {
        const element = document.getElementById('session-timeout');
        if (!element) {
            return null;
        }
        return {
            idleMs: Number(element.dataset.idleMinutes) * 60 * 1000,
            keepAliveUrl: element.dataset.keepAliveUrl,
        };
    }

    function onActivity() {
        lastActivity = Date.now();
        const current = settings();
        if (current && lastActivity - lastKeepAlive > keepAliveIntervalMs) {
            lastKeepAlive = lastActivity;
            fetch(current.keepAliveUrl, { credentials: 'same-origin' }).catch(() => { /* the next check retries */ });
        }
    }

    function checkIdle() {
        const current = settings();
        const form = document.getElementById('logout-form');
        if (!current || !form || Date.now() - lastActivity < current.idleMs) {
            return;
        }
        form.querySelector('input[name="reason"]').value = 'idle';
        form.submit();
    }

    for (const eventName of ['keydown', 'mousedown', 'touchstart', 'wheel']) {
        document.addEventListener(eventName, onActivity, { passive: true });
    }
    setInterval(checkIdle, 15 * 1000);
})();
