package dev.chorus.nlu.template;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rhasspy's built-in converters ({@code !int !float !bool !lower !upper}). Custom (executable) converters are
 * refused when the template is compiled.
 */
final class Converters {

    static final Set<String> BUILT_IN = Set.of("int", "float", "bool", "lower", "upper");

    private Converters() {}

    static void check(String name) {
        if (name.isEmpty()) {
            throw new SyntaxException("empty converter name after '!'");
        }
        if (!BUILT_IN.contains(name)) {
            throw new SyntaxException("custom converters are not supported: !" + name
                    + " (built-in converters: !int !float !bool !lower !upper)");
        }
    }

    /**
     * Applies the converters in order to a recognised value (a string, or the result of an earlier converter).
     *
     * @throws ConversionException when the text is not a number for int/float
     */
    static Object apply(Object value, List<String> converters) {
        Object v = value;
        for (String converter : converters) {
            v = apply(v, converter);
        }
        return v;
    }

    private static Object apply(Object value, String converter) {
        String text = String.valueOf(value);
        switch (converter) {
            case "int":
                if (value instanceof Number n) {
                    return n.longValue() == n.doubleValue()
                            ? (Object) (int) n.longValue()
                            : (Object) (int) n.doubleValue();
                }
                try {
                    return Integer.valueOf(text.strip());
                } catch (NumberFormatException e) {
                    throw new ConversionException("!int cannot convert '" + text + "'");
                }
            case "float":
                if (value instanceof Number n) {
                    return n.doubleValue();
                }
                try {
                    return Double.valueOf(text.strip());
                } catch (NumberFormatException e) {
                    throw new ConversionException("!float cannot convert '" + text + "'");
                }
            case "bool":
                if (value instanceof Boolean b) {
                    return b;
                }
                if (value instanceof Number n) {
                    return n.doubleValue() != 0;
                }
                String t = text.strip().toLowerCase(Locale.ROOT);
                return !(t.isEmpty() || t.equals("false") || t.equals("0"));
            case "lower":
                return text.toLowerCase(Locale.ROOT);
            case "upper":
                return text.toUpperCase(Locale.ROOT);
            default:
                throw new IllegalStateException("unchecked converter " + converter);
        }
    }

    /** How Python's str() prints a converted value (Rhasspy puts that into the recognised text). */
    static String text(Object value) {
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(value);
    }

    /** A value a converter cannot handle: that path through the templates does not match. */
    static final class ConversionException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ConversionException(String message) {
            super(message);
        }
    }
}
