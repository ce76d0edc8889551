package dev.chorus.gateway;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Nothing is open but {@code /health}, the login page and its assets, and {@code POST /api/login}.
 * Everything else needs the session cookie (console) or {@code Authorization: Bearer <token>} (API clients).
 * A browser asking for a page without a session is sent to the login page; anything else gets a 401 problem.
 * Requests that change state with the cookie must come from the gateway's own pages (Origin check, on top of
 * the SameSite=Strict cookie). Adds the security headers to every answer.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class AuthFilter {

    static final String AUTH_ATTRIBUTE = "chorus.auth";
    private static final Set<String> OPEN_PATHS = Set.of("/health", "/login.html", "/api/login", "/favicon.ico");
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "media-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final OperatorAuth auth;
    private final ProblemResponses problems;

    AuthFilter(OperatorAuth auth, ProblemResponses problems) {
        this.auth = auth;
        this.problems = problems;
    }

    static boolean isOpen(String path) {
        return OPEN_PATHS.contains(path) || path.startsWith("/health/") || path.startsWith("/assets/");
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        String path = request.getPath();
        if (isOpen(path)) {
            return null;
        }
        Optional<String> authorization = request.getHeaders().getAuthorization();
        if (authorization.isPresent()) {
            String value = authorization.get();
            if (value.regionMatches(true, 0, "Bearer ", 0, 7) && auth.checkToken(value.substring(7))) {
                request.setAttribute(AUTH_ATTRIBUTE, "token");
                return null;
            }
            return problems.of(
                            new Problem(
                                    HttpStatus.UNAUTHORIZED,
                                    "Unauthorized",
                                    "invalid API token (Authorization: Bearer <token>; see GET /api/token or modules/gateway/README.md)"),
                            request)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"chorus\", error=\"invalid_token\"");
        }
        Optional<Cookie> cookie = request.getCookies().findCookie(OperatorAuth.COOKIE);
        if (cookie.isPresent() && auth.checkSession(cookie.get().getValue()).isPresent()) {
            if (!isSafe(request.getMethod()) && !sameOrigin(request)) {
                return problems.of(
                        new Problem(
                                HttpStatus.FORBIDDEN,
                                "Forbidden",
                                "cross-site request refused: the console's cookie only works from the console's own pages"),
                        request);
            }
            request.setAttribute(AUTH_ATTRIBUTE, "session");
            return null;
        }
        if (request.getMethod() == HttpMethod.GET && !path.startsWith("/api/") && acceptsHtml(request)) {
            return HttpResponse.seeOther(URI.create("/login.html"));
        }
        return problems.of(
                        new Problem(
                                HttpStatus.UNAUTHORIZED,
                                "Unauthorized",
                                "log in (POST /api/login, or the console at /login.html) or send Authorization: Bearer <token>"),
                        request)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"chorus\"");
    }

    @ResponseFilter
    void securityHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        response.header("X-Frame-Options", "DENY");
        response.header("Content-Security-Policy", CSP);
        if (request.getPath().startsWith("/api/") && !response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
            response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }

    private static boolean isSafe(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
    }

    private static boolean acceptsHtml(HttpRequest<?> request) {
        return request.getHeaders().accept().stream().anyMatch(t -> t.matches(MediaType.TEXT_HTML_TYPE));
    }

    /** No Origin (same-origin GET/HEAD-style clients) or an Origin whose host:port is the Host asked for. */
    private static boolean sameOrigin(HttpRequest<?> request) {
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null && !(site.equals("same-origin") || site.equals("none"))) {
            return false;
        }
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin == null) {
            return true;
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        try {
            URI uri = URI.create(origin);
            String authority = uri.getAuthority();
            return host != null
                    && authority != null
                    && authority.toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
