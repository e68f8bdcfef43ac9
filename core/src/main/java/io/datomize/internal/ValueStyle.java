package io.datomize.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of the project, applied per package in {@code package-info.java}.
 *
 * <p>Generated {@code Immutable*} classes stay package-private and hidden behind the abstract types
 * ({@code overshadowImplementation}), so users only ever see {@code Foo.builder()} and {@code
 * Foo.of(..)}.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    builderVisibility = Value.Style.BuilderVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    defaults = @Value.Immutable(copy = true, prehash = false))
public @interface ValueStyle {}
