// The fs layer's answers to "did this change happen anyway?" for the retrying layer: when the
// answer to rm, mv, cp, rename, mkdir, folder rm or folder mv is lost (connection reset, 5xx
// after the request left), the call is repeated only if a look at the account shows it did not
// take effect; if it did, what the look found is returned as the call's result.
#ifndef FICHIER_BACKEND_FICHIER_OUTCOME_CHECKS_H_
#define FICHIER_BACKEND_FICHIER_OUTCOME_CHECKS_H_

#include "backend/fichier/account.h"
#include "backend/fichier/api.h"
#include "backend/fichier/retrying_api.h"

namespace backend::fichier {

// `api` is the retrying api itself (checks use its read calls, which are safe to repeat);
// `account` supplies the cached listings that tell old files from new ones. Both must outlive
// the checks.
OutcomeChecks MakeOutcomeChecks(Api& api, Account& account);

}  // namespace backend::fichier

#endif  // FICHIER_BACKEND_FICHIER_OUTCOME_CHECKS_H_
