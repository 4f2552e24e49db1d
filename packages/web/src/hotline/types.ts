// Shapes of the hotline API: the contract's types (packages/domain/src/contracts/intake.ts).
export type {
  HotlineCall,
  HotlineCallCreated,
  HotlineCallPage,
  HotlineQuery,
  HotlineResult,
  HotlineStatus,
  NewHotlineCall,
  OpenCaseAnswer,
  OpenCaseOfCall,
  VillageOption,
} from '@fangpin/domain';
