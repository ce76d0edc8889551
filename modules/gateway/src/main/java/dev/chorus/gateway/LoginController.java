package dev.chorus.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Console login and logout, and the API token for logged-in operators. */
@Controller("/api")
class LoginController {

    private static final Logger LOG = LoggerFactory.getLogger(LoginController.class);
    /** Failed logins allowed per minute, over all clients: enough for typos, far too few for guessing. */
    static final int FAILURES_PER_MINUTE = 10;

    private final OperatorAuth auth;
    private final GatewaySettings settings;
    private final ObjectMapper mapper;
    private final Clock clock = Clock.systemUTC();
    private final Deque<Long> failures = new ArrayDeque<>();

    LoginController(OperatorAuth auth, GatewaySettings settings, ObjectMapper mapper) {
        this.auth = auth;
        this.settings = settings;
        this.mapper = mapper;
    }

    @Post("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<?> login(HttpRequest<?> request, @Body @Nullable String body) {
        throttle();
        JsonBody json = JsonBody.parse(mapper, body);
        String user = json.string("username").orElse(OperatorAuth.USER);
        String password = json.requiredString("password");
        if (!auth.checkPassword(user, password)) {
            recordFailure();
            LOG.warn(
                    "failed console login for user \"{}\" from {}",
                    user.length() > 64 ? user.substring(0, 64) : user,
                    request.getRemoteAddress().getAddress().getHostAddress());
            throw new Problem(HttpStatus.UNAUTHORIZED, "Unauthorized", "wrong user name or password");
        }
        OperatorAuth.Session session = auth.newSession(settings.sessionTtl().toSeconds());
        return HttpResponse.ok(Map.of(
                        "user", OperatorAuth.USER, "expires", session.expires().toString()))
                .cookie(cookie(session.cookieValue(), settings.sessionTtl()));
    }

    @Post("/logout")
    HttpResponse<?> logout(HttpRequest<?> request) {
        request.getCookies().findCookie(OperatorAuth.COOKIE).ifPresent(c -> auth.logout(c.getValue()));
        return HttpResponse.noContent().cookie(cookie("", Duration.ZERO));
    }

    /** Who is logged in and how: the console's way to check its session. */
    @Get("/me")
    Map<String, Object> me(HttpRequest<?> request) {
        return Map.of(
                "user",
                OperatorAuth.USER,
                "via",
                request.getAttribute(AuthFilter.AUTH_ATTRIBUTE, String.class).orElse("?"));
    }

    /** The API token (derived from the operator password), for scripts. */
    @Get("/token")
    Map<String, Object> token() {
        return Map.of("token", auth.apiToken(), "usage", "Authorization: Bearer <token>");
    }

    private Cookie cookie(String value, Duration ttl) {
        return Cookie.of(OperatorAuth.COOKIE, value)
                .path("/")
                .httpOnly(true)
                .sameSite(SameSite.Strict)
                .secure(settings.secureCookie())
                .maxAge(ttl);
    }

    private synchronized void throttle() {
        long now = clock.millis();
        while (!failures.isEmpty() && failures.peekFirst() < now - 60_000) {
            failures.pollFirst();
        }
        if (failures.size() >= FAILURES_PER_MINUTE) {
            long retry = Math.max(1, (failures.peekFirst() + 60_000 - now + 999) / 1000);
            throw new Problem(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "Too many requests",
                            "too many failed logins; try again in " + retry + " s")
                    .with("retryAfterSeconds", retry);
        }
    }

    private synchronized void recordFailure() {
        failures.addLast(clock.millis());
    }
}
