package org.resilientcircuit.cdi;

import java.util.Set;
import java.util.concurrent.ThreadFactory;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import org.resilientcircuit.api.BreakerDataSource;
import org.resilientcircuit.connect.DbTarget;
import org.resilientcircuit.spi.StateStore;
import org.resilientcircuit.store.memory.MemoryStateStore;
import org.resilientcircuit.store.postgres.PostgresStateStore;

/**
 * Chooses the store at startup, in the documented order: {@code rc.datasource} (JNDI), a CDI bean
 * {@code @BreakerDataSource DataSource}, {@code rc.db.url}, {@code rc.db.dsn} or {@code rc.db.host} (a direct
 * connection, {@link org.resilientcircuit.connect.DbTargets}), else memory. A
 * database that does not answer is no reason to fail deployment: the store starts on local state.
 * A JNDI name that names nothing is a configuration error and does fail it.
 */
final class StateStores {

    private static final System.Logger LOG = System.getLogger(StateStores.class.getName());

    private StateStores() {
    }

    static StateStore create(StoreConfig config, BeanManager beans, ThreadFactory threads) {
        if (config.jndiName().isPresent()) {
            String name = config.jndiName().get();
            ignored(config, "rc.datasource");
            return postgres(lookup(name), config, "DataSource " + name, threads);
        }
        Set<Bean<?>> supplied = beans.getBeans(DataSource.class, BreakerDataSource.Literal.INSTANCE);
        if (!supplied.isEmpty()) {
            Bean<?> bean = beans.resolve(supplied);
            ignored(config, "the @BreakerDataSource bean");
            DataSource dataSource = (DataSource) beans.getReference(bean, DataSource.class, beans.createCreationalContext(bean));
            return postgres(dataSource, config, "the @BreakerDataSource bean " + bean.getBeanClass().getName(), threads);
        }
        if (config.connection().isPresent()) {
            DbTarget target = config.connection().get();
            DataSource dataSource = new DriverManagerDataSource(target, config.postgres().storeTimeoutMillis());
            return postgres(dataSource, config, target.describe(), threads);
        }
        return new MemoryStateStore();
    }

    /** rc.db.* next to a DataSource is a leftover worth a word: the operator may think it is in use. */
    private static void ignored(StoreConfig config, String winner) {
        config.connection().ifPresent(target -> LOG.log(System.Logger.Level.WARNING, "Resilient Circuit uses {0};"
                + " the rc.db.* connection settings ({1}) are ignored", winner, target.describe()));
    }

    private static StateStore postgres(DataSource dataSource, StoreConfig config, String where, ThreadFactory threads) {
        return new PostgresStateStore(dataSource, config.postgres(), where, threads);
    }

    private static DataSource lookup(String name) {
        try {
            Object found = new InitialContext().lookup(name);
            if (found instanceof DataSource dataSource) {
                return dataSource;
            }
            throw new IllegalArgumentException("rc.datasource names " + name + ", which is a "
                    + (found == null ? "null" : found.getClass().getName()) + ", not a javax.sql.DataSource");
        } catch (NamingException missing) {
            throw new IllegalArgumentException("rc.datasource names " + name
                    + ", but no DataSource is bound there: " + missing.getMessage(), missing);
        }
    }
}
