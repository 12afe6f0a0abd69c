package dev.numgrad.kernel;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the {@link KernelSupport} methods a test compares between the scalar and Panama
 * kernels; {@link KernelCoverageTest} fails when an interface method has no such test. Public
 * so that tests in {@code dev.numgrad.kernel.panama} can declare what they cover.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Covers {
    String[] value();
}
