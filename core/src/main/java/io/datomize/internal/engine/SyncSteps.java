package io.datomize.internal.engine;

import io.datomize.internal.convert.ConversionContext;
import io.datomize.internal.convert.RowConverters;
import io.datomize.model.AttributeMapping;
import io.datomize.model.EntityMapping;
import io.datomize.model.NullPolicy;
import io.datomize.plan.BridgeStep;
import io.datomize.plan.LinkStep;
import io.datomize.plan.LoadStep;
import io.datomize.plan.Plan;
import io.datomize.plan.RowStep;
import io.datomize.report.StepReport;
import io.datomize.run.RunOptions;
import io.datomize.spi.ChangedSince;
import io.datomize.spi.SourceException;
import io.datomize.spi.SyncMarks;
import io.datomize.target.Attribute;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the steps of a plan as a sync: a load step syncs its rows, then looks for the entities whose
 * row is gone; a link step syncs its deferred refs; a bridge step its links.
 */
final class SyncSteps {
  private final RunContext run;
  private final Plan plan;
  private final ConversionContext context;
  private final RunOptions options;

  SyncSteps(RunContext run, Plan plan, ConversionContext context, RunOptions options) {
    this.run = run;
    this.plan = plan;
    this.context = context;
    this.options = options;
  }

  StepReport execute(RowStep step, Optional<ChangedSince> changedSince, boolean resume) {
    try {
      if (step instanceof LoadStep load) {
        return load(load, changedSince, resume);
      }
      if (step instanceof LinkStep link) {
        return entitySync(
                link, link.entity(), List.copyOf(link.deferredAttributes()), Map.of(), false)
            .execute(changedSince, link.estimatedRows(), resume);
      }
      BridgeStep bridge = (BridgeStep) step;
      EntityMapping owner = plan.mapping().entity(bridge.bridge().owner()).orElseThrow();
      return new BridgeSync(
              run,
              bridge.id(),
              bridge.bridge(),
              owner,
              bridge.keyColumns(),
              bridge.columns(),
              RowConverters.forSync(plan, bridge, context),
              PullSpecs.of(plan.mapping(), bridge.bridge()),
              context.zone())
          .execute(bridge.estimatedRows());
    } catch (SourceException e) {
      throw new RunStopped(step.id() + ": " + e.getMessage(), e);
    }
  }

  private StepReport load(LoadStep load, Optional<ChangedSince> changedSince, boolean resume) {
    EntityMapping entity = load.entity();
    List<Attribute> owned = new ArrayList<>(PullSpecs.written(entity));
    owned.removeAll(load.deferredAttributes());
    // an entity that a sync marked deleted and whose row came back is no longer deleted
    owned.add(SyncMarks.DELETED_AT);
    Map<Attribute, String> defaultNow = new HashMap<>();
    for (AttributeMapping attribute : entity.attributes()) {
      if (attribute.effectiveNullPolicy().kind() == NullPolicy.Kind.DEFAULT_NOW) {
        defaultNow.put(attribute.attribute(), attribute.column());
      }
    }
    StepReport rows =
        entitySync(load, entity, owned, defaultNow, true)
            .execute(changedSince, load.estimatedRows(), resume);
    boolean extraEntities =
        changedSince.isPresent()
            || run.sink.countEntities(entity.identity().attribute()) > rows.rowsLoaded();
    if (!extraEntities) {
      return rows;
    }
    StepTally deletes =
        new DeletePass(
                run,
                entity,
                load.keyColumns(),
                RowConverters.identity(entity, plan.mapping(), context),
                options.deletedRows(),
                context)
            .execute();
    return StepReport.builder()
        .from(rows)
        .keysChecked(deletes.keysChecked)
        .entitiesDeleted(deletes.entitiesDeleted)
        .datoms(rows.datoms() + deletes.datoms)
        .datomsRetracted(rows.datomsRetracted() + deletes.datomsRetracted)
        .transactions(rows.transactions() + deletes.transactions)
        .build();
  }

  private EntitySync entitySync(
      RowStep step,
      EntityMapping entity,
      List<Attribute> owned,
      Map<Attribute, String> defaultNow,
      boolean createsEntities) {
    return new EntitySync(
        run,
        new EntitySync.Target(
            step.id(),
            step.table(),
            step.keyColumns(),
            step.columns(),
            RowConverters.forSync(plan, step, context),
            PullSpecs.of(plan.mapping(), entity, owned),
            owned,
            defaultNow,
            createsEntities));
  }
}
