package org.resilientcircuit.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;

/**
 * Qualifies a CDI bean of type {@code javax.sql.DataSource} that holds the shared breaker state, for
 * containers without JNDI (Weld SE, tests). {@code rc.datasource} (a JNDI name) wins over it; it
 * wins over the direct connection settings {@code rc.db.*}. The library looks it up once, at
 * startup, and keeps the reference for the application's lifetime.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class BreakerDatabase {
 *     @Produces
 *     @BreakerDataSource
 *     DataSource breakerState() {
 *         PGSimpleDataSource dataSource = new PGSimpleDataSource();
 *         dataSource.setUrl("jdbc:postgresql://db:5432/app");
 *         return dataSource;
 *     }
 * }
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE})
public @interface BreakerDataSource {

    /**
     * The qualifier as a value, for programmatic lookup:
     * {@code CDI.current().select(DataSource.class, BreakerDataSource.Literal.INSTANCE)}.
     */
    final class Literal extends AnnotationLiteral<BreakerDataSource> implements BreakerDataSource {
        /** The only instance needed: the qualifier has no members. */
        public static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
