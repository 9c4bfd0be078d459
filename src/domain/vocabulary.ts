/** Closed vocabularies shared by rules, storage, the wire and the UI. */

export const genders = ['male', 'female'] as const;
export type Gender = (typeof genders)[number];

/** How a beneficiary chose to receive the allowance (docs/protocol.md payment-line `method`). */
export const paymentMethods = ['bank', 'mobile-money', 'cash-point', 'home-delivery'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

/** The methods paid in cash by commune staff; the others go through a provider. */
export const cashMethods = ['home-delivery', 'cash-point'] as const;
export type CashMethod = (typeof cashMethods)[number];

/** States of a payment line (docs/protocol.md). */
export const paymentLineStatuses = ['due', 'paid', 'unpaid', 'transferred', 'failed', 'void'] as const;
export type PaymentLineStatus = (typeof paymentLineStatuses)[number];

/** Beneficiary status: active, suspended (tạm dừng), terminated (thôi hưởng), deceased. */
export const beneficiaryStatuses = ['active', 'suspended', 'terminated', 'deceased'] as const;
export type BeneficiaryStatus = (typeof beneficiaryStatuses)[number];

/**
 * Decree 20/2021 Art. 5 groups (khoản, điểm). `k6` is disability; its severity is a
 * separate field because the coefficient depends on it (docs/domain.md §3.1).
 */
export const categoryCodes = ['k1', 'k2', 'k3', 'k4', 'k5a', 'k5b', 'k5c', 'k5d', 'k6', 'k7', 'k8'] as const;
export type CategoryCode = (typeof categoryCodes)[number];

export const disabilitySeverities = ['severe', 'extremely-severe'] as const;
export type DisabilitySeverity = (typeof disabilitySeverities)[number];

/** Who represents a beneficiary: a guardian (giám hộ) or an authorised person (ủy quyền). */
export const representativeKinds = ['guardian', 'authorized'] as const;
export type RepresentativeKind = (typeof representativeKinds)[number];

/** Account-opening progress of a beneficiary paid through an account (seed step 3). */
export const accountStatuses = ['none', 'dossier-ready', 'submitted', 'opened', 'card-handed-over'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

/** Why a beneficiary is paid at home rather than at the commune point or through an account. */
export const homeDeliveryReasons = ['ill', 'very-old-alone', 'cannot-use-phone', 'disability'] as const;
export type HomeDeliveryReason = (typeof homeDeliveryReasons)[number];

/**
 * Who uses the system: admin (users, devices), supervisor, commune officer, payer, approver
 * (approves a monthly list someone else prepared; sends no field op) and monitoring (reads the
 * reports of its communes, nothing else).
 */
export const roles = ['admin', 'supervisor', 'officer', 'payer', 'approver', 'monitoring'] as const;
export type Role = (typeof roles)[number];

/** Who received a payment: the beneficiary, their guardian or an authorised person (docs/protocol.md). */
export const receiverKinds = ['self', 'guardian', 'authorized'] as const;
export type ReceiverKind = (typeof receiverKinds)[number];

/** Why a visit ended without payment (docs/protocol.md `payment.unpaid`). */
export const unpaidReasons = ['absent', 'moved', 'deceased', 'refused', 'wrong-person', 'other'] as const;
export type UnpaidReason = (typeof unpaidReasons)[number];

/** How an ID card was checked: its QR read (camera, photo, pasted text), typed, or not at all. */
export const idCheckMethods = ['qr', 'manual', 'not-possible'] as const;
export type IdCheckMethod = (typeof idCheckMethods)[number];

/** Why a card could not be checked at a payment (recorded instead of a check). */
export const idCheckSkipReasons = ['no-card', 'card-damaged', 'no-qr', 'camera-unavailable', 'other'] as const;
export type IdCheckSkipReason = (typeof idCheckSkipReasons)[number];

/** What a supervisor's `payment.void` cancels: the recorded payment, or the whole line. */
export const voidTargets = ['payment', 'line'] as const;
export type VoidTarget = (typeof voidTargets)[number];

/** Why a supervisor voided a payment or a line. */
export const voidReasons = [
  'recorded-in-error',
  'wrong-person',
  'duplicate',
  'deceased',
  'not-eligible',
  'other',
] as const;
export type VoidReason = (typeof voidReasons)[number];
