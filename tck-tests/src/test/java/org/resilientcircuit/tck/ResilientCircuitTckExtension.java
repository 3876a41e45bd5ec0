package org.resilientcircuit.tck;

import org.jboss.arquillian.container.spi.client.container.DeploymentExceptionTransformer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Arquillian extension of the TCK harness (registered in
 * {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension}).
 *
 * <ul>
 * <li>{@link DefinitionErrorTransformer}: hands Arquillian the real definition error that Weld wrapped or
 * OpenWebBeans logged ({@link LoggedDefinitionErrors}), so that
 * {@code @ShouldThrowException(FaultToleranceDefinitionException.class)} deployments are recognised;</li>
 * <li>{@link ExtensionActiveCheck}: fails a deployment loudly when the Resilient Circuit CDI extension is not
 * active in it, instead of letting every test of the class fail for an obscure reason.</li>
 * </ul>
 */
public class ResilientCircuitTckExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        LoggedDefinitionErrors.install();
        builder.service(DeploymentExceptionTransformer.class, DefinitionErrorTransformer.class);
        builder.observer(ExtensionActiveCheck.class);
    }
}
