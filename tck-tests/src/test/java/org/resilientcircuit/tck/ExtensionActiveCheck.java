package org.resilientcircuit.tck;

import java.util.logging.Logger;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;

import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.event.container.AfterDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;

/**
 * Arquillian observer: after every successful deployment, checks that the Resilient Circuit CDI extension is one of
 * the container's extensions. Weld embedded builds the container's extension list with
 * {@code ServiceLoader.load(Extension.class)} on the deployment's class loader, whose parent is the test class path,
 * so the {@code META-INF/services/jakarta.enterprise.inject.spi.Extension} entry of resilient-circuit-impl is found
 * although the jar is not part of the deployment archive. This check makes a regression there visible at once.
 *
 * <p>
 * The extension class is looked up by name so that this harness compiles whatever state the implementation is in.
 */
public class ExtensionActiveCheck {

    static final String EXTENSION_CLASS = "org.resilientcircuit.cdi.FaultToleranceExtension";

    private static final Logger LOG = Logger.getLogger(ExtensionActiveCheck.class.getName());

    public void check(@Observes AfterDeploy event, BeanManager beanManager) {
        DeploymentDescription description = event.getDeployment();
        String deployment = description.isArchiveDeployment()
                ? description.getName() + " (" + description.getArchive().getName() + ")"
                : description.getName();
        Class<? extends Extension> extensionClass = extensionClass(deployment);
        try {
            beanManager.getExtension(extensionClass);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("TCK harness: the CDI extension " + EXTENSION_CLASS
                    + " is not active in deployment '" + deployment + "'", e);
        }
        LOG.fine(() -> EXTENSION_CLASS + " is active in deployment '" + deployment + "'");
    }

    private static Class<? extends Extension> extensionClass(String deployment) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ExtensionActiveCheck.class.getClassLoader();
        }
        try {
            return Class.forName(EXTENSION_CLASS, false, loader).asSubclass(Extension.class);
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IllegalStateException("TCK harness: " + EXTENSION_CLASS
                    + " cannot be loaded for deployment '" + deployment + "'", e);
        }
    }
}
