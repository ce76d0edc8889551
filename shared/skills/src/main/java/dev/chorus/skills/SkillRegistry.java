package dev.chorus.skills;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link OnIntent} methods of a set of skill objects, by intent name, and how one is called. The one place
 * that knows the method rules: the module's dispatcher and {@code SkillTester} both go through it.
 */
public final class SkillRegistry {

    /** One intent's method on its skill object. */
    public record Handler(String intentName, Object skill, Method method) {

        /**
         * Calls the method.
         *
         * @throws SkillException when it throws (the cause is what it threw)
         */
        public Answer answer(IntentRequest request, SkillContext context) {
            Class<?>[] types = method.getParameterTypes();
            Object[] args = new Object[types.length];
            for (int i = 0; i < types.length; i++) {
                args[i] = types[i] == IntentRequest.class ? request : context;
            }
            Object result;
            try {
                result = method.invoke(skill, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Error error && !(cause instanceof AssertionError)) {
                    throw error;
                }
                throw new SkillException(describe() + " failed: " + cause, cause);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot call " + describe(), e);
            }
            if (result instanceof Answer answer) {
                return answer;
            }
            if (result instanceof String text) {
                return Answer.end(text);
            }
            if (method.getReturnType() == void.class) {
                return Answer.silent();
            }
            throw new SkillException(describe() + " returned null", null);
        }

        public String describe() {
            return method.getDeclaringClass().getSimpleName() + "." + method.getName() + " (" + intentName + ")";
        }
    }

    private final Map<String, Handler> byIntent;

    private SkillRegistry(Map<String, Handler> byIntent) {
        this.byIntent = byIntent;
    }

    /**
     * Scans the public {@link OnIntent} methods of {@code skills}.
     *
     * @throws IllegalStateException for a method with other parameters or return type than allowed, or an
     *     intent name claimed twice
     */
    public static SkillRegistry of(Collection<?> skills) {
        Map<String, Handler> byIntent = new LinkedHashMap<>();
        for (Object skill : skills) {
            Method[] methods = skill.getClass().getMethods();
            java.util.Arrays.sort(methods, Comparator.comparing(Method::getName));
            for (Method method : methods) {
                OnIntent on = method.getAnnotation(OnIntent.class);
                if (on == null) {
                    continue;
                }
                check(method);
                method.setAccessible(true); // the skill class need not be public
                for (String name : on.value()) {
                    Handler handler = new Handler(name, skill, method);
                    Handler before = byIntent.putIfAbsent(name, handler);
                    if (before != null) {
                        throw new IllegalStateException("intent " + name + " has two skills: " + before.describe()
                                + " and " + handler.describe());
                    }
                }
            }
        }
        return new SkillRegistry(byIntent);
    }

    public Optional<Handler> find(String intentName) {
        return Optional.ofNullable(byIntent.get(intentName));
    }

    /** The intent names some skill answers. */
    public Set<String> intentNames() {
        return Set.copyOf(byIntent.keySet());
    }

    private static void check(Method method) {
        String where = method.getDeclaringClass().getName() + "." + method.getName();
        if (Modifier.isStatic(method.getModifiers())) {
            throw new IllegalStateException("@OnIntent method " + where + " must not be static");
        }
        Class<?> returns = method.getReturnType();
        if (returns != Answer.class && returns != String.class && returns != void.class) {
            throw new IllegalStateException("@OnIntent method " + where + " must return Answer, String or void");
        }
        for (Class<?> type : method.getParameterTypes()) {
            if (type != IntentRequest.class && type != SkillContext.class) {
                throw new IllegalStateException("@OnIntent method " + where
                        + " may take only IntentRequest and SkillContext, not " + type.getSimpleName());
            }
        }
    }
}
