package dev.numgrad;

/** Throws a checked exception from code that declares none, as Kotlin, Groovy or Lombok code can. */
public final class Sneaky {

    private Sneaky() {
    }

    @SuppressWarnings("unchecked")
    public static <E extends Throwable> RuntimeException raise(Throwable t) throws E {
        throw (E) t;
    }
}
