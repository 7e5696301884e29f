using CrisisSim.Core.Metrics;
using CrisisSim.Core.Scenarios;

namespace CrisisSim.Core.Actors;

/// <summary>
/// Requisition (PRC Emergency Response Law, 2007, arts. 12 and 52: governments may requisition the property of units
/// and individuals for the response, and must return or compensate it). At a meeting where headquarters believes
/// supplies are needed somewhere and the relief stock of the nodes it commands that deliver supplies is below
/// command.requisition_below_kits, it requisitions the whole stock of every organisation outside command that has
/// arrived and holds any: the kits leave the organisation at once and reach the stock of the government's store
/// (the first commanded node that delivers supplies) command.requisition_lag_h later. Once per organisation per run.
/// </summary>
internal sealed partial class PlanningPhase
{
    private readonly double[] _requisitionKits;
    private readonly int[] _requisitionTick;
    private readonly bool[] _requisitioned;
    private readonly int _store;

    /// <summary>The first commanded node that delivers supplies (where requisitioned kits go), or -1.</summary>
    private int GovernmentStore()
    {
        for (int n = Nodes.FirstActor; n < Nodes.ActorEnd; n++)
        {
            if (Commanded(n) && Nodes.Does(n, TaskKind.Supplies))
            {
                return n;
            }
        }

        return -1;
    }

    private void Requisition()
    {
        if (_store < 0 || !SuppliesBelievedNeeded() || GovernmentStock() >= _command.RequisitionBelowKits)
        {
            return;
        }

        for (int n = Nodes.FirstActor; n < Nodes.ActorEnd; n++)
        {
            if (Nodes.Traits[n].UnderCommand || _requisitioned[n] || Nodes.FirstArrivalTick[n] > Tick || Nodes.Stock[n] <= 0)
            {
                continue;
            }

            _requisitioned[n] = true;
            _requisitionKits[n] = Nodes.Stock[n];
            _requisitionTick[n] = Tick + DurationTicks(_command.RequisitionLagH);
            Nodes.Stock[n] = 0;
            Metrics.KitsRequisitioned += _requisitionKits[n];
            Emit(TraceKind.StockRequisitioned, Nodes.Headquarters, n, -1, -1, (int)TaskKind.Supplies, -1, _requisitionKits[n], Tick);
        }
    }

    /// <summary>Requisitioned kits whose lag has passed join the government's store.</summary>
    private void DeliverRequisitions()
    {
        for (int n = Nodes.FirstActor; n < Nodes.ActorEnd; n++)
        {
            if (_requisitionTick[n] <= Tick)
            {
                Nodes.Stock[_store] += _requisitionKits[n];
                _requisitionKits[n] = 0;
                _requisitionTick[n] = int.MaxValue;
            }
        }
    }

    private bool SuppliesBelievedNeeded()
    {
        for (int z = 0; z < ZoneCount; z++)
        {
            int bi = Nodes.BeliefIndex(Nodes.Headquarters, z, (int)TaskKind.Supplies);
            if (Nodes.BeliefTick[bi] >= 0 && Nodes.BeliefValue[bi] > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Kits held by the commanded nodes that deliver supplies, and requisitioned kits on their way to them.</summary>
    private double GovernmentStock()
    {
        double kits = 0;
        for (int n = Nodes.FirstActor; n < Nodes.ActorEnd; n++)
        {
            kits += _requisitionKits[n];
            if (Commanded(n) && Nodes.Does(n, TaskKind.Supplies))
            {
                kits += Nodes.Stock[n];
            }
        }

        return kits;
    }
}
